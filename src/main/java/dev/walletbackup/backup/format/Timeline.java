package dev.walletbackup.backup.format;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The history a store has lived since it was created or last restored (docs/backup-format.md, section 11), as a
 * version-2 backup records it. A restore starts a new timeline: the store then continues from an older state, so
 * high-water marks are comparable only within one timeline.
 *
 * @param id           16 hex digits, random
 * @param startedAt    ISO-8601 UTC instant, millisecond precision
 * @param parentId     the timeline this one branched from, or null (a store's first timeline, or a restore of a
 *                     version-1 backup, which has no timeline)
 * @param branchedFrom the backup whose restore started this timeline, or null for a store's first timeline
 */
@JsonPropertyOrder({"id", "startedAt", "parentId", "branchedFrom"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Timeline(String id, String startedAt, String parentId, String branchedFrom) {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    @JsonIgnore
    public Instant startedInstant() {
        return Instant.parse(startedAt);
    }

    /** What makes this timeline malformed, or null. */
    public String problem() {
        if (id == null || !ID.matcher(id).matches()) {
            return "timeline.id is not 16 hex digits";
        }
        try {
            startedInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            return "timeline.startedAt is not an ISO-8601 instant";
        }
        if (parentId != null && !ID.matcher(parentId).matches()) {
            return "timeline.parentId is neither null nor 16 hex digits";
        }
        if (branchedFrom != null && !ID.matcher(branchedFrom).matches()) {
            return "timeline.branchedFrom is neither null nor 16 hex digits";
        }
        if (parentId != null && branchedFrom == null) {
            return "timeline.parentId without timeline.branchedFrom";
        }
        return null;
    }

    /** The timeline in a few words, for listings and warnings. */
    public String describe() {
        return id + " (started " + startedAt + (branchedFrom == null ? "" : " by restoring backup " + branchedFrom) + ")";
    }
}
