package dev.walletbackup.crypto;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.crypto.PasswordPolicy.WeakPasswordException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"Correct-Horse-Battery-9", "Zz9!zzzzzzzzzzzz", "Ünïcödé-Pässwörd-42"})
    void strongPasswordsPass(String password) {
        assertThatCode(() -> PasswordPolicy.check(Password.adopt(password.toCharArray()))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Short-Pass-9    | at least 16 characters long (it has 12)",
            "correct-horse-battery-9 | an upper-case letter",
            "CORRECT-HORSE-BATTERY-9 | a lower-case letter",
            "Correct-Horse-Battery-X | a digit",
            "CorrectHorseBattery9000 | a symbol"})
    void eachBrokenRuleIsNamedWithoutEchoingThePassword(String password, String rule) {
        assertThatThrownBy(() -> PasswordPolicy.check(Password.adopt(password.strip().toCharArray())))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessageContaining(rule.strip())
                .hasMessageNotContaining(password.strip());
    }
}
