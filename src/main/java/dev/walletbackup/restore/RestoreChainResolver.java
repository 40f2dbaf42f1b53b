package dev.walletbackup.restore;

import dev.walletbackup.NotFoundException;
import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.routes.ExchangeProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.ExchangeProperty;

/**
 * Finds what to restore: the installation (the only one in the source, the one asked for, or the one the named
 * backup belongs to), the target (its newest backup — the head of its newest timeline —, a named one, or the newest
 * of those made at or before an instant) and the
 * chain that leads to it, every link present and continuous. Manifests that cannot be read matter only when the
 * chain needs them. A gap is reported with what the operator can do.
 */
public final class RestoreChainResolver {

    /** The restore route's step: the chain to the target the session's request names, in its open source. */
    public void resolveChain(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session) {
        RestoreRequest request = session.request();
        session.resolved(resolve(session.source(), request.backupId(), request.at(), request.fingerprint()));
    }

    public RestoreChain resolve(BackupDirectory directory, String backupId, Instant at, String fingerprint) {
        directory.requireAny();
        BackupManifest target;
        if (backupId != null) {
            target = directory.require(backupId, () -> new NotFoundException("no backup " + backupId + " in "
                    + directory.location() + " (no manifest names it)"));
            if (fingerprint != null && !fingerprint.equals(target.seedFingerprint())) {
                throw new InstallationChoiceException("backup " + backupId + " belongs to installation "
                        + target.seedFingerprint() + ", not to --fingerprint " + fingerprint);
            }
        } else {
            List<BackupManifest> installation = installation(directory, fingerprint);
            List<BackupManifest> candidates = at == null ? installation : installation.stream()
                    .filter(manifest -> !manifest.createdInstant().isAfter(at)).toList();
            if (candidates.isEmpty()) {
                throw new NotFoundException("no backup in " + directory.location() + " was made at or before " + at
                        + " (the oldest is of " + installation.get(0).createdAt() + ")");
            }
            target = BackupDirectory.newest(candidates);
        }
        List<BackupManifest> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        BackupManifest current = target;
        while (true) {
            if (!seen.add(current.id())) {
                throw new BackupFormatException("resolve chain: the parents of backup " + target.id()
                        + " lead back to " + current.id());
            }
            chain.add(current);
            if (current.type() == BackupType.FULL) {
                break;
            }
            BackupManifest child = current;
            Optional<BackupManifest> parent = directory.find(child.parentId());
            if (parent.isEmpty()) {
                String lastComplete = lastCompleteBefore(directory, child);
                throw new BackupFormatException("resolve chain: " + directory.unreadableManifestOf(child.parentId())
                        .map(finding -> "the manifest of backup " + child.parentId() + ", which " + child.id()
                                + " builds on, cannot be read: " + finding.file() + ": " + finding.reason() + ". ")
                        .orElse("backup " + child.parentId() + " is missing from " + directory.location() + " but "
                                + child.id() + " builds on it. ")
                        + "Restore to " + (lastComplete == null ? "an earlier complete backup"
                        : "--backup " + lastComplete + ", the last complete point,") + " or recover " + child.parentId());
            }
            if (parent.get().highWaterMark() != child.sinceHighWaterMark()
                    || !parent.get().seedFingerprint().equals(child.seedFingerprint())
                    || !Objects.equals(parent.get().timeline(), child.timeline())) {
                throw new BackupFormatException("resolve chain: backup " + child.id() + " does not continue "
                        + parent.get().id() + " (high-water marks, installations or timelines differ)");
            }
            current = parent.get();
        }
        Collections.reverse(chain);
        return new RestoreChain(directory, List.copyOf(chain));
    }

    /** The backups of the installation to restore, oldest first; several installations need a choice. */
    private static List<BackupManifest> installation(BackupDirectory directory, String fingerprint) {
        Map<String, List<BackupManifest>> installations = directory.installations();
        if (fingerprint != null) {
            List<BackupManifest> backups = installations.get(fingerprint);
            if (backups == null) {
                throw new InstallationChoiceException("there is no backup of installation " + fingerprint + " in "
                        + directory.location() + "; it holds backups of " + describe(installations));
            }
            return backups;
        }
        if (installations.size() > 1) {
            throw new InstallationChoiceException(directory.location() + " holds backups of " + installations.size()
                    + " installations (seed fingerprints): " + describe(installations)
                    + "; choose one with --fingerprint FP");
        }
        return installations.values().iterator().next();
    }

    private static String describe(Map<String, List<BackupManifest>> installations) {
        return installations.entrySet().stream().map(entry -> {
            BackupManifest newest = BackupDirectory.newest(entry.getValue());
            return entry.getKey() + " (newest backup " + newest.id() + " of " + newest.createdAt() + ")";
        }).collect(Collectors.joining(", "));
    }

    /** The newest backup of the same installation and timeline before {@code broken} whose own chain is complete. */
    private static String lastCompleteBefore(BackupDirectory directory, BackupManifest broken) {
        String answer = null;
        for (BackupManifest candidate : directory.installations().get(broken.seedFingerprint())) {
            if (Objects.equals(candidate.timeline(), broken.timeline())
                    && candidate.highWaterMark() < broken.highWaterMark() && isComplete(directory, candidate)) {
                answer = candidate.id();
            }
        }
        return answer;
    }

    private static boolean isComplete(BackupDirectory directory, BackupManifest manifest) {
        Set<String> seen = new HashSet<>();
        BackupManifest current = manifest;
        while (current.type() == BackupType.INCREMENTAL) {
            Optional<BackupManifest> parent = directory.find(current.parentId());
            if (parent.isEmpty() || !seen.add(current.id())) {
                return false;
            }
            current = parent.get();
        }
        return true;
    }
}
