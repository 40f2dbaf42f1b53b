package dev.walletbackup.backup.retention;

import dev.walletbackup.backup.BackupLeftovers;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.destination.S3Location;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.backup.verify.BackupVerifier;
import dev.walletbackup.config.RetentionSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Retention (docs/backup-format.md, section 14), run under the backup lock by route backup-prune. It decides from
 * the backups every destination holds (by id, each installation on its own), keeps what the rules and the chains
 * need and the newest full that verifies in the backup directory (SHA-256 and header, as {@code backup verify}),
 * and removes the rest newest first: at each destination, off-site first and the local directory last, its manifest
 * then its {@code .wbk}, and then its catalog entry. Then the leftovers of writes interrupted more than a day ago.
 * An installation without a full that verifies loses nothing. Removals are counted in
 * {@code wallet.retention.removals} (tags destination, kind = backup | leftover).
 */
public final class BackupPruner {
    private static final Logger LOG = LoggerFactory.getLogger(BackupPruner.class);

    private final BackupCatalog catalog;
    private final Path backupDirectory;
    private final RetentionSettings configured;
    private final List<RetentionTarget> targets;
    private final MeterRegistry registry;
    private final Clock clock;

    /** @param targets the local directory first, then the off-site destinations */
    BackupPruner(BackupCatalog catalog, Path backupDirectory, RetentionSettings configured,
                 List<RetentionTarget> targets, MeterRegistry registry, Clock clock) {
        this.catalog = catalog;
        this.backupDirectory = backupDirectory;
        this.configured = configured;
        this.targets = List.copyOf(targets);
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Retention over the backup directory and, when {@code s3} is not null, the bucket.
     *
     * @param client         the S3 client, asked for only when {@code s3} is not null
     * @param s3             where the S3 destination keeps its copies, or null when it is off
     * @param s3LockPeriod   how long S3 Object Lock retains each object after its upload, or null when it is off
     */
    public static BackupPruner create(BackupCatalog catalog, Path backupDirectory, RetentionSettings configured,
                                      Supplier<S3Client> client, S3Location s3, Duration s3LockPeriod, MeterRegistry registry,
                                      Clock clock) {
        List<RetentionTarget> targets = new ArrayList<>(List.of(new LocalRetentionTarget(backupDirectory)));
        if (s3 != null) {
            targets.add(new S3RetentionTarget(client.get(), s3, s3LockPeriod, clock));
        }
        return new BackupPruner(catalog, backupDirectory, configured, targets, registry, clock);
    }

    /** The configured rules: what the service runs after each scheduled backup. */
    public PruneRequest configuredRequest() {
        return new PruneRequest(configured, false);
    }

    /** Whether any rule is configured: without one the service prunes nothing after its backups. */
    public boolean rulesSet() {
        return configured.anyRule();
    }

    public PruneReport prune(@Body PruneRequest request) throws IOException {
        Instant leftoversBefore = clock.instant().minus(BackupLeftovers.ORPHAN_AGE);
        Map<RetentionTarget, RetentionTarget.Contents> contents = new LinkedHashMap<>();
        Map<String, BackupManifest> backups = new LinkedHashMap<>();
        for (RetentionTarget target : targets) {
            RetentionTarget.Contents found = target.scan(leftoversBefore);
            contents.put(target, found);
            found.manifests().forEach(manifest -> backups.putIfAbsent(manifest.id(), manifest));
        }
        List<String> notes = new ArrayList<>();
        List<PruneReport.Kept> kept = new ArrayList<>();
        List<BackupManifest> removed = new ArrayList<>();
        Map<String, List<BackupManifest>> installations = backups.values().stream().collect(Collectors.groupingBy(
                BackupManifest::seedFingerprint, LinkedHashMap::new, Collectors.toList()));
        if (!request.policy().anyRule()) {
            notes.add("no retention rule is set (--keep-last, --keep-daily, --keep-weekly, --keep-monthly or "
                    + "wallet.retention.*): no backup is removed");
        }
        for (Map.Entry<String, List<BackupManifest>> installation : installations.entrySet()) {
            String restorable = request.policy().anyRule() ? newestRestorable(installation.getValue(), notes) : null;
            if (!request.policy().anyRule() || restorable == null) {
                if (request.policy().anyRule()) {
                    notes.add("installation " + installation.getKey() + ": no backup's chain verifies in "
                            + backupDirectory + ", so none of its " + installation.getValue().size()
                            + " backups is removed; run backup verify --all");
                }
                installation.getValue().forEach(manifest -> kept.add(kept(manifest, List.of("not pruned"))));
                continue;
            }
            RetentionPlanner.Decision decision = RetentionPlanner.decide(installation.getValue(), request.policy(),
                    restorable, lockedBackups(contents));
            decision.kept().forEach((id, reasons) -> kept.add(kept(backups.get(id), reasons)));
            removed.addAll(decision.removed());
        }
        removed.sort(Comparator.comparing(BackupManifest::createdInstant).thenComparing(BackupManifest::id).reversed());
        List<PruneReport.Removed> removals = new ArrayList<>();
        for (BackupManifest manifest : removed) {
            List<String> files = new ArrayList<>();
            for (RetentionTarget target : offSiteFirst()) {
                List<String> here = contents.get(target).files().getOrDefault(manifest.id(), List.of());
                files.addAll(here);
                if (!request.dryRun() && !here.isEmpty()) {
                    for (String file : here) {
                        target.delete(file);
                    }
                    count(target, "backup");
                }
            }
            if (!request.dryRun()) {
                catalog.remove(manifest.id());
                LOG.info("Retention: removed backup {} ({}, {}): {}", manifest.id(), manifest.type().wireName(),
                        manifest.createdAt(), String.join(", ", files));
            }
            removals.add(new PruneReport.Removed(manifest.id(), manifest.type().wireName(), manifest.createdAt(),
                    List.copyOf(files)));
        }
        List<String> leftovers = new ArrayList<>();
        for (RetentionTarget target : offSiteFirst()) {
            contents.get(target).locked().forEach((lockedFile, until) -> {
                if (!backups.containsKey(lockedFile)) {
                    notes.add(lockedFile + " is left by an interrupted write but under Object Lock until " + until
                            + ": it is removed by a prune after that");
                }
            });
            for (String file : contents.get(target).leftovers()) {
                if (!request.dryRun()) {
                    target.delete(file);
                    count(target, "leftover");
                    LOG.info("Retention: removed {}, left by a write interrupted more than a day ago", file);
                }
                leftovers.add(file);
            }
        }
        kept.sort(Comparator.comparing(PruneReport.Kept::createdAt).thenComparing(PruneReport.Kept::id).reversed());
        return new PruneReport(request.dryRun(), request.policy().describe(), kept, removals, leftovers, notes);
    }

    /** Backup id → why it cannot go yet: a destination's Object Lock still retains one of its files. */
    private static Map<String, String> lockedBackups(Map<RetentionTarget, RetentionTarget.Contents> contents) {
        Map<String, String> locked = new LinkedHashMap<>();
        contents.forEach((target, found) -> found.locked().forEach((id, until) -> locked.merge(id,
                target.name() + " Object Lock until " + until, (first, second) -> first + ", " + second)));
        return locked;
    }

    /**
     * The newest backup of the installation whose whole chain, in the backup directory, matches its manifests (size,
     * SHA-256, header, chain links: the password-less checks of {@code backup verify}), or null when none does: it is
     * kept with its chain whatever the rules say, so that a damaged newer full never leaves retention with nothing
     * restorable. Each damaged backup met on the way is named in {@code notes}.
     */
    private String newestRestorable(List<BackupManifest> installation, List<String> notes) throws IOException {
        if (!Files.isDirectory(backupDirectory)) {
            return null;
        }
        BackupDirectory local = BackupDirectory.scan(backupDirectory);
        List<BackupManifest> newestFirst = installation.stream().filter(manifest -> local.find(manifest.id()).isPresent())
                .sorted(Comparator.comparing(BackupManifest::createdInstant).thenComparing(BackupManifest::id).reversed())
                .toList();
        BackupVerifier verifier = new BackupVerifier();
        for (BackupManifest backup : newestFirst) {
            BackupVerifier.Result result = verifier.verify(local, List.of(local.find(backup.id()).orElseThrow()), null)
                    .get(0);
            if (result.ok()) {
                return backup.id();
            }
            notes.add("backup " + backup.id() + " does not verify (" + result.problem() + "): the newest backup whose "
                    + "chain verifies is kept instead, with its chain; run backup verify --all");
        }
        return null;
    }

    private List<RetentionTarget> offSiteFirst() {
        List<RetentionTarget> ordered = new ArrayList<>(targets.subList(1, targets.size()));
        ordered.add(targets.get(0));
        return ordered;
    }

    private void count(RetentionTarget target, String kind) {
        Counter.builder("wallet.retention.removals").description("Backups and leftovers retention removed")
                .tag("destination", target.name()).tag("kind", kind).register(registry).increment();
    }

    private static PruneReport.Kept kept(BackupManifest manifest, List<String> reasons) {
        return new PruneReport.Kept(manifest.id(), manifest.type().wireName(), manifest.createdAt(), reasons);
    }
}
