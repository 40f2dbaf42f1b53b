package dev.walletbackup.backup.catalog;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What happened to one backup at one destination: {@code stored}, or {@code failed} with a message. */
@JsonPropertyOrder({"name", "status", "location", "message"})
public record DestinationOutcome(String name, String status, String location, String message) {
    public static final String STORED = "stored";
    public static final String FAILED = "failed";

    public static DestinationOutcome stored(String name, String location) {
        return new DestinationOutcome(name, STORED, location, null);
    }

    public static DestinationOutcome failed(String name, String location, String message) {
        return new DestinationOutcome(name, FAILED, location, message);
    }
}
