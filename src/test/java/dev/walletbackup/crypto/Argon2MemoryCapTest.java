package dev.walletbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Argon2MemoryCapTest {

    @Test
    void theDefaultCapIsAQuarterOfTheHeapButNeverBelowRfc9106() {
        long quarterKiB = Runtime.getRuntime().maxMemory() / 4 / 1024;
        assertThat(Argon2MemoryCap.defaultCapKiB())
                .isEqualTo((int) Math.min(Argon2Parameters.MAX_MEMORY_KIB, Math.max(64 * 1024, quarterKiB)));
    }

    @Test
    void parametersReadFromAFileAboveTheCapAreRefusedBeforeAnyMemoryIsSpent() {
        assertThat(Argon2MemoryCap.capKiB()).isLessThan(Argon2Parameters.MAX_MEMORY_KIB);
        assertThatThrownBy(() -> Argon2Parameters.read(Argon2Parameters.MAX_MEMORY_KIB, 16, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asks for 4096 MiB").hasMessageContaining("wallet.kdf.max-memory-kib");
        assertThat(Argon2Parameters.read(64 * 1024, 3, 4)).isEqualTo(Argon2Parameters.RFC_9106_LOW_MEMORY);
    }

    @Test
    void newSealsMustMeetTheFloor() {
        assertThat(Argon2Parameters.RFC_9106_LOW_MEMORY.meetsFloor()).isTrue();
        assertThat(new Argon2Parameters(Argon2Parameters.FLOOR_MEMORY_KIB, Argon2Parameters.FLOOR_ITERATIONS, 1)
                .meetsFloor()).isTrue();
        assertThat(Argon2Parameters.INSECURE_FOR_TESTS_ONLY.meetsFloor()).isFalse();
        assertThat(new Argon2Parameters(64 * 1024, 1, 4).meetsFloor()).isFalse();
    }
}
