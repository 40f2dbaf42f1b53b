package dev.walletbackup.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.seed.Mnemonic.InvalidMnemonicException;
import org.junit.jupiter.api.Test;

class MnemonicTest {
    private static final String VALID = "legal winner thank year wave sausage worth useful legal winner thank yellow";

    @Test
    void generatedMnemonicsHaveTheAskedLengthAndParseBack() {
        for (int words : new int[] {12, 24}) {
            Mnemonic generated = Mnemonic.generate(words);
            assertThat(generated.wordCount()).isEqualTo(words);
            assertThat(Mnemonic.parse(generated.revealPhrase()).revealPhrase()).isEqualTo(generated.revealPhrase());
        }
    }

    @Test
    void onlyTwelveOrTwentyFourWordsAreGenerated() {
        assertThatThrownBy(() -> Mnemonic.generate(18)).hasMessageContaining("12 or 24");
    }

    @Test
    void operatorInputIsNormalised() {
        String messy = "  LEGAL winner\tthank year wave sausage worth useful legal winner thank   yellow\n";
        assertThat(Mnemonic.parse(messy).revealPhrase()).isEqualTo(VALID);
    }

    @Test
    void wrongWordCountIsNamed() {
        assertThatThrownBy(() -> Mnemonic.parse("legal winner thank"))
                .isInstanceOf(InvalidMnemonicException.class).hasMessageContaining("this one has 3");
    }

    @Test
    void unknownWordIsNamedByPositionNotByValue() {
        String typo = VALID.replace("sausage", "sausages");
        assertThatThrownBy(() -> Mnemonic.parse(typo))
                .isInstanceOf(InvalidMnemonicException.class)
                .hasMessageContaining("word 6")
                .hasMessageNotContaining("sausage");
    }

    @Test
    void badChecksumIsRefused() {
        String swapped = VALID.replace("thank yellow", "yellow thank");
        assertThatThrownBy(() -> Mnemonic.parse(swapped))
                .isInstanceOf(InvalidMnemonicException.class)
                .hasMessageContaining("checksum")
                .hasMessageNotContaining("legal");
    }
}
