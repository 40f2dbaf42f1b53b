package dev.walletbackup.backup.verify;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupFileReader;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.backup.format.CountingContentHandler;
import dev.walletbackup.backup.format.WalletBackupDocumentReader;
import dev.walletbackup.backup.format.WalletBackupDocumentWriter.Summary;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.files.IoFailures;
import dev.walletbackup.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks backups in a directory. Without the password: each file's size and SHA-256 against its manifest, the
 * plaintext header against the manifest, and the chain links (parent present, high-water marks continuous, same
 * installation, base a full backup); a backup that is intact but needs a damaged ancestor is "unrestorable".
 * Deep, with the password: every chunk authenticated, the document parsed,
 * its content digest and counts recomputed, and the chain replayed to recompute each backup's state digest.
 */
public final class BackupVerifier {
    private final Progress progress;

    public BackupVerifier() {
        this(Progress.NONE);
    }

    /** @param progress where a deep check shows the rows it has read */
    public BackupVerifier(Progress progress) {
        this.progress = progress;
    }

    /** The result of one backup's checks: {@code problem} is null when every check passed. */
    public record Result(String id, String type, String file, boolean deep, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    public List<Result> verify(BackupDirectory directory, List<BackupManifest> selected, PasswordSource deepPassword)
            throws IOException {
        List<BackupManifest> ordered = withAncestors(directory, selected);
        Map<String, String> damaged = new HashMap<>();
        for (BackupManifest manifest : ordered) {
            String problem = shallowProblem(directory, manifest);
            if (problem != null) {
                damaged.put(manifest.id(), problem);
            }
        }
        List<Result> results = new ArrayList<>();
        for (BackupManifest manifest : ordered) {
            String problem = damaged.containsKey(manifest.id()) ? damaged.get(manifest.id())
                    : unrestorable(directory, manifest, damaged);
            results.add(new Result(manifest.id(), manifest.type().wireName(), directory.fileOf(manifest).toString(),
                    false, problem));
        }
        if (deepPassword != null && results.stream().allMatch(Result::ok)) {
            return deep(directory, ordered, deepPassword);
        }
        return results;
    }

    /**
     * Why a backup that is intact itself cannot be restored: an ancestor its chain needs is damaged. Null when
     * every ancestor is intact (a missing one is the backup's own broken chain).
     */
    private static String unrestorable(BackupDirectory directory, BackupManifest manifest, Map<String, String> damaged) {
        Set<String> seen = new HashSet<>();
        BackupManifest current = manifest;
        while (current.type() == BackupType.INCREMENTAL && seen.add(current.id())) {
            BackupManifest parent = directory.find(current.parentId()).orElse(null);
            if (parent == null) {
                return null;
            }
            if (damaged.containsKey(parent.id())) {
                return "unrestorable: its chain needs " + parent.id() + ", which is damaged (" + damaged.get(parent.id()) + ")";
            }
            current = parent;
        }
        return null;
    }

    private List<Result> deep(BackupDirectory directory, List<BackupManifest> ordered, PasswordSource passwords)
            throws IOException {
        try (Progress.Task shown = progress.start("verify --deep",
                ordered.stream().mapToLong(manifest -> manifest.counts().rows()).sum())) {
            return deep(directory, ordered, passwords, shown);
        }
    }

    private List<Result> deep(BackupDirectory directory, List<BackupManifest> ordered, PasswordSource passwords,
                              Progress.Task shown) throws IOException {
        List<Result> results = new ArrayList<>();
        Map<String, String> damaged = new HashMap<>();
        ChainReplay replay = null;
        String replayedChain = null;
        for (BackupManifest manifest : ordered) {
            Path file = directory.fileOf(manifest);
            // a damaged backup does not stop the others: those whose chain needs it are named, the rest decrypted
            String unrestorable = unrestorable(directory, manifest, damaged);
            if (unrestorable != null) {
                results.add(new Result(manifest.id(), manifest.type().wireName(), file.toString(), false, unrestorable));
                continue;
            }
            if (manifest.type() == BackupType.FULL || !Objects.equals(replayedChain, manifest.baseId())) {
                replay = new ChainReplay();
                replayedChain = manifest.baseId();
            }
            String problem = null;
            try (BackupFileReader reader = BackupFileReader.open(file); Password password = passwords.get();
                 InputStream payload = reader.unlock(password)) {
                Summary summary = WalletBackupDocumentReader.read(payload, reader.header(),
                        new CountingContentHandler(replay, shown));
                if (!summary.counts().equals(manifest.counts())) {
                    problem = "counts " + summary.counts() + " differ from the manifest's " + manifest.counts();
                } else if (!summary.contentDigest().equals(manifest.contentDigest())) {
                    problem = "content digest " + summary.contentDigest() + " differs from the manifest's";
                } else {
                    String replayed = replay.stateDigest(manifest.formatVersion());
                    if (summary.stateDigest() != null && !summary.stateDigest().equals(replayed)) {
                        problem = "state digest after replaying the chain differs from the one the backup authenticates";
                    } else if (!replayed.equals(manifest.stateDigest())) {
                        problem = "state digest after replaying the chain differs from the manifest's";
                    }
                }
            } catch (BackupFormatException e) {
                problem = e.getMessage();
            }
            results.add(new Result(manifest.id(), manifest.type().wireName(), file.toString(), true,
                    problem == null ? null : naming(file, problem)));
            if (problem != null) {
                damaged.put(manifest.id(), naming(file, problem));
                replayedChain = null;
            }
        }
        return results;
    }

    /** The problem as one message that names the file once, whether or not the problem already did. */
    private static String naming(Path file, String problem) {
        return problem.startsWith(file.toString()) ? problem : file + ": " + problem;
    }

    /** What is wrong with one backup without the password (file, manifest, header, chain), or null. */
    public static String shallowProblem(BackupDirectory directory, BackupManifest manifest) {
        return shallowProblem(directory, manifest, directory.fileOf(manifest));
    }

    private static String shallowProblem(BackupDirectory directory, BackupManifest manifest, Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return file + ": missing (its manifest " + directory.manifestFileOf(manifest) + " exists)";
            }
            long size = Files.size(file);
            if (size != manifest.bytes()) {
                return file + ": size " + size + " differs from the manifest's " + manifest.bytes() + " (truncated or altered)";
            }
            String sha256 = FileDigests.sha256(file);
            if (!sha256.equals(manifest.sha256())) {
                return file + ": SHA-256 " + sha256 + " differs from the manifest's " + manifest.sha256();
            }
            try (BackupFileReader reader = BackupFileReader.open(file)) {
                String mismatch = manifest.headerMismatch(reader.header());
                if (mismatch != null) {
                    return file + ": header " + mismatch + " differs from the manifest";
                }
            }
            return chainProblem(directory, manifest);
        } catch (BackupFormatException e) {
            return e.getMessage();
        } catch (IOException e) {
            return file + ": cannot read: " + IoFailures.reason(e);
        }
    }

    private static String chainProblem(BackupDirectory directory, BackupManifest manifest) {
        Set<String> seen = new HashSet<>();
        BackupManifest child = manifest;
        while (child.type() == BackupType.INCREMENTAL) {
            BackupManifest current = child;
            if (!seen.add(current.id())) {
                return "broken chain: the parents of backup " + manifest.id() + " lead back to " + current.id();
            }
            BackupManifest parent = directory.find(current.parentId()).orElse(null);
            if (parent == null) {
                return "broken chain: backup " + current.id() + " needs its parent " + current.parentId() + ", "
                        + directory.unreadableManifestOf(current.parentId())
                        .map(finding -> "whose manifest " + finding.file() + " cannot be read: " + finding.reason())
                        .orElse("which is not in " + directory.location());
            }
            if (parent.highWaterMark() != current.sinceHighWaterMark()) {
                return "broken chain: backup " + current.id() + " continues from high-water mark "
                        + current.sinceHighWaterMark() + " but its parent " + parent.id() + " ends at " + parent.highWaterMark();
            }
            if (!parent.seedFingerprint().equals(current.seedFingerprint()) || !parent.baseId().equals(current.baseId())
                    || !Objects.equals(parent.timeline(), current.timeline())) {
                return "broken chain: backup " + current.id() + " and its parent " + parent.id()
                        + " belong to different installations, chains or timelines";
            }
            child = parent;
        }
        if (!child.id().equals(manifest.baseId())) {
            return "broken chain: backup " + manifest.id() + " names base " + manifest.baseId() + " but its chain starts at " + child.id();
        }
        return null;
    }

    /** The selected backups with every ancestor they need, oldest first, each once. */
    private static List<BackupManifest> withAncestors(BackupDirectory directory, List<BackupManifest> selected) {
        Set<BackupManifest> needed = new LinkedHashSet<>();
        for (BackupManifest manifest : selected) {
            BackupManifest current = manifest;
            while (current != null && needed.add(current)) {
                current = current.parentId() == null ? null : directory.find(current.parentId()).orElse(null);
            }
        }
        // one chain after the other, oldest first within each, so that a deep check replays one chain at a time
        return directory.manifests().stream().filter(needed::contains).collect(Collectors.groupingBy(
                BackupManifest::baseId, LinkedHashMap::new, Collectors.toList())).values().stream()
                .flatMap(List::stream).toList();
    }
}
