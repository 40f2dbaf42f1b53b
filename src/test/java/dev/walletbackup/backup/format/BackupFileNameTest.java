package dev.walletbackup.backup.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupFileNameTest {
    private static final Instant CREATED = Instant.parse("2026-11-28T10:05:41.084Z");

    @Test
    void aManifestsNameGivesBackTheIdAndInstantItWasNamedFor() {
        String manifest = BackupFileName.manifestFor(BackupFileName.of(CREATED, BackupType.INCREMENTAL,
                "0123456789abcdef"));

        assertThat(manifest).isEqualTo("wallet-backup-20261128T100541084Z-incremental-0123456789abcdef.manifest.json");
        assertThat(BackupFileName.idOfManifest(manifest)).contains("0123456789abcdef");
        assertThat(BackupFileName.createdAtOfManifest(manifest)).contains(CREATED);
    }

    @Test
    void aNameOfAnotherShapeOrAnImpossibleInstantClaimsNothing() {
        for (String name : new String[] {"notes.txt", "wallet-backup-20261128T100541084Z-full-0123456789abcdef.wbk",
                "wallet-backup-20261399T100541084Z-full-0123456789abcdef.manifest.json"}) {
            assertThat(BackupFileName.createdAtOfManifest(name)).as(name).isEmpty();
        }
        assertThat(BackupFileName.idOfManifest("notes.txt")).isEmpty();
    }
}
