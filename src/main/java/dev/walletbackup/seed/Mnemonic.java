package dev.walletbackup.seed;

import dev.walletbackup.derivation.MasterSeed;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.web3j.crypto.MnemonicUtils;

/**
 * A BIP-39 mnemonic (English wordlist). Generation, the wordlist, the checksum and the PBKDF2-HMAC-SHA512 seed
 * come from web3j's {@link MnemonicUtils}; this class adds the checks that tell an operator which rule a phrase
 * broke, without ever repeating the phrase or any of its words.
 */
public final class Mnemonic {
    private static final Set<Integer> WORD_COUNTS = Set.of(12, 15, 18, 21, 24);
    private static final Set<String> WORDLIST = new HashSet<>(MnemonicUtils.getWords());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String phrase;

    private Mnemonic(String phrase) {
        this.phrase = phrase;
    }

    /** A new random mnemonic of 12 words (128 bits of entropy) or 24 words (256 bits). */
    public static Mnemonic generate(int words) {
        if (words != 12 && words != 24) {
            throw new IllegalArgumentException("a new mnemonic has 12 or 24 words, not " + words);
        }
        byte[] entropy = new byte[words / 3 * 4];
        RANDOM.nextBytes(entropy);
        try {
            return new Mnemonic(MnemonicUtils.generateMnemonic(entropy));
        } finally {
            Arrays.fill(entropy, (byte) 0);
        }
    }

    /**
     * Parses a phrase typed or pasted by an operator: any white space between words, any letter case.
     *
     * @throws InvalidMnemonicException naming the rule that failed (word count, unknown word position, checksum)
     */
    public static Mnemonic parse(CharSequence input) {
        String normalized = Normalizer.normalize(input, Normalizer.Form.NFKD).trim().toLowerCase(Locale.ROOT);
        List<String> words = normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split("\\s+"));
        if (!WORD_COUNTS.contains(words.size())) {
            throw new InvalidMnemonicException("a BIP-39 mnemonic has 12, 15, 18, 21 or 24 words; this one has "
                    + words.size());
        }
        for (int i = 0; i < words.size(); i++) {
            if (!WORDLIST.contains(words.get(i))) {
                throw new InvalidMnemonicException("word " + (i + 1) + " is not in the BIP-39 English wordlist");
            }
        }
        String phrase = String.join(" ", words);
        if (!MnemonicUtils.validateMnemonic(phrase)) {
            throw new InvalidMnemonicException("the checksum does not match: a word is wrong or out of order");
        }
        return new Mnemonic(phrase);
    }

    public int wordCount() {
        return phrase.split(" ").length;
    }

    /** The BIP-39 seed: PBKDF2-HMAC-SHA512, 2048 rounds, salt "mnemonic" + passphrase. */
    public MasterSeed toSeed(String passphrase) {
        return MasterSeed.adopt(MnemonicUtils.generateSeed(phrase, passphrase == null ? "" : passphrase));
    }

    /** The words, for showing once to the operator who asked for them. */
    public String revealPhrase() {
        return phrase;
    }

    @Override
    public String toString() {
        return "Mnemonic[redacted]";
    }

    /** A phrase that is not a valid BIP-39 mnemonic. */
    public static final class InvalidMnemonicException extends IllegalArgumentException {
        InvalidMnemonicException(String message) {
            super("Invalid mnemonic: " + message);
        }
    }
}
