package dev.walletbackup.cli;

import dev.walletbackup.app.WalletServices;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.Mnemonic;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seed init | import | fingerprint | verify}. */
@Command(name = "seed", description = "Create, import and inspect the HD master seed.",
        subcommands = {SeedCommands.Init.class, SeedCommands.Import.class, SeedCommands.Fingerprint.class,
                SeedCommands.Verify.class})
final class SeedCommands {

    static Map<String, Object> describe(MasterSeedRecord seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fingerprint", seed.fingerprint());
        out.put("createdAt", seed.createdAt());
        out.put("evmAccountXpub", seed.evmAccountXpub());
        out.put("xrpAccountXpub", seed.xrpAccountXpub());
        return out;
    }

    @Command(name = "init", description = "Generate a new BIP-39 mnemonic and store its seed, sealed by the password.")
    static final class Init extends StoreCommand {
        @Override
        boolean createsStore() {
            return true;
        }

        @Mixin
        PasswordOptions password;

        @Option(names = "--words", paramLabel = "12|24", description = "Words in the new mnemonic (default from wallet.seed.words).")
        Integer words;

        @Option(names = "--show-mnemonic", description = "Print the mnemonic once, to write down offline. It is never shown again.")
        boolean showMnemonic;

        @Override
        void run(WalletServices services) throws Exception {
            int wordCount = words == null ? services.config().seedWords() : words;
            if (wordCount != 12 && wordCount != 24) {
                throw new UsageException("--words must be 12 or 24");
            }
            try (Password secret = password.readToSeal(cli().environment())) {
                Mnemonic mnemonic = services.seeds().initialize(wordCount, secret);
                MasterSeedRecord seed = services.seeds().require();
                Map<String, Object> result = describe(seed);
                if (showMnemonic) {
                    result.put("mnemonic", mnemonic.revealPhrase());
                }
                if (json()) {
                    printJson(result);
                    return;
                }
                out().println("Master seed created, fingerprint " + seed.fingerprint());
                if (showMnemonic) {
                    out().println("Write these " + wordCount + " words down offline; they will not be shown again:");
                    out().println(mnemonic.revealPhrase());
                } else {
                    out().println("The mnemonic was not shown. The seed exists only sealed under your password.");
                }
            }
        }
    }

    @Command(name = "import", description = "Read a BIP-39 mnemonic (prompted for without echo on a terminal, else from "
            + "standard input) and store its seed, sealed by the password.")
    static final class Import extends StoreCommand {
        @Override
        boolean createsStore() {
            return true;
        }

        @Mixin
        PasswordOptions password;

        @Option(names = "--passphrase-file", paramLabel = "FILE",
                description = "File holding the optional BIP-39 passphrase (on a terminal it is prompted for otherwise).")
        Path passphraseFile;

        @Override
        void run(WalletServices services) throws Exception {
            try (Password secret = password.readToSeal(cli().environment())) {
                Mnemonic mnemonic = readMnemonic();
                String passphrase = readPassphrase();
                MasterSeedRecord seed = services.seeds().importMnemonic(mnemonic, passphrase, secret);
                if (json()) {
                    printJson(describe(seed));
                } else {
                    out().println("Master seed imported, fingerprint " + seed.fingerprint());
                }
            }
        }

        /** The words typed at a prompt that does not echo them, or standard input when it is not a terminal. */
        private Mnemonic readMnemonic() throws IOException {
            Console terminal = cli().terminal();
            char[] phrase = terminal != null
                    ? terminal.readPassword("BIP-39 mnemonic (the words are not shown as you type): ")
                    : readAll(cli().stdin());
            if (phrase == null) {
                throw new UsageException("no mnemonic was typed");
            }
            try {
                return Mnemonic.parse(CharBuffer.wrap(phrase));
            } finally {
                Arrays.fill(phrase, '\0');
            }
        }

        private String readPassphrase() throws IOException {
            if (passphraseFile != null) {
                return Files.readString(passphraseFile, StandardCharsets.UTF_8).strip();
            }
            Console terminal = cli().terminal();
            if (terminal == null) {
                return "";
            }
            char[] typed = terminal.readPassword("BIP-39 passphrase (Enter for none): ");
            if (typed == null) {
                return "";
            }
            try {
                return new String(typed);
            } finally {
                Arrays.fill(typed, '\0');
            }
        }

        private static char[] readAll(InputStream in) throws IOException {
            byte[] bytes = in.readAllBytes();
            CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            try {
                return Arrays.copyOfRange(decoded.array(), decoded.arrayOffset(), decoded.arrayOffset() + decoded.limit());
            } finally {
                Arrays.fill(bytes, (byte) 0);
                Arrays.fill(decoded.array(), '\0');
            }
        }
    }

    @Command(name = "fingerprint", description = "Show the public fingerprint and account keys of the stored seed (no password needed).")
    static final class Fingerprint extends StoreCommand {
        @Override
        void run(WalletServices services) throws Exception {
            MasterSeedRecord seed = services.seeds().require();
            if (json()) {
                printJson(describe(seed));
            } else {
                out().println("fingerprint  " + seed.fingerprint());
                out().println("created      " + seed.createdAt());
                out().println("EVM account  " + seed.evmAccountXpub() + "  (m/44'/60'/1'/0)");
                out().println("XRP account  " + seed.xrpAccountXpub() + "  (m/44'/144'/1'/0)");
            }
        }
    }

    @Command(name = "verify", description = "Prove the password opens the stored seed envelope and the seed matches its fingerprint.")
    static final class Verify extends StoreCommand {
        @Mixin
        PasswordOptions password;

        @Override
        void run(WalletServices services) throws Exception {
            try (Password secret = password.read(cli().environment())) {
                services.seeds().unlock(secret).close();
                String fingerprint = services.seeds().require().fingerprint();
                if (json()) {
                    printJson(Map.of("fingerprint", fingerprint, "verified", true));
                } else {
                    out().println("The password opens the master seed envelope; fingerprint " + fingerprint + " matches.");
                }
            }
        }
    }
}
