package dev.walletbackup.rekey;

import java.util.List;

/**
 * What a rekey did: the backups it rewrote under the new password, those a run before it had already rewritten
 * (resumed), the S3 objects it replaced, the backups of other installations it left as they are, and whether it re-sealed the store's seed.
 */
public record RekeyReport(String directory, List<String> rekeyed, List<String> alreadyRekeyed,
                          List<String> offsiteRekeyed, List<String> otherInstallations, boolean storeResealed) {
}
