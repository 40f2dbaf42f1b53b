package dev.walletbackup.backup.retention;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a prune kept and removed (or, in a dry run, would remove): each backup with its files at every destination,
 * the leftovers of interrupted writes, and notes (a rule that is not set, an installation left alone).
 */
@JsonPropertyOrder({"dryRun", "policy", "kept", "removed", "leftovers", "notes"})
public record PruneReport(boolean dryRun, String policy, List<Kept> kept, List<Removed> removed,
                          List<String> leftovers, List<String> notes) {

    /** A backup that stays, and the rules that keep it. */
    @JsonPropertyOrder({"id", "type", "createdAt", "reasons"})
    public record Kept(String id, String type, String createdAt, List<String> reasons) {
    }

    /** A backup removed from every destination, with its files there in the order they go. */
    @JsonPropertyOrder({"id", "type", "createdAt", "files"})
    public record Removed(String id, String type, String createdAt, List<String> files) {
    }
}
