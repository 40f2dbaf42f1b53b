package dev.walletbackup.backup.format;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.walletbackup.json.RawJson;
import dev.walletbackup.statedigest.StateElement;
import dev.walletbackup.store.Row;
import java.time.Instant;

/** A deleted row: which table, its key (a JSON object), when, and the change sequence of the deletion. */
@JsonPropertyOrder({"changeSeq", "table", "key", "deletedAt"})
public record Tombstone(long changeSeq, String table, @JsonRawValue @JsonDeserialize(using = RawJson.class) String key,
                        Instant deletedAt) {

    /** The tombstone as a record of an incremental's content, for its content digest. */
    public StateElement stateElement() {
        return StateElement.tombstone(deletedAt.toEpochMilli(), key, table);
    }

    public static Tombstone fromRow(Row row) {
        return new Tombstone(row.longValue("change_seq"), row.string("table_name"), row.string("row_key"),
                row.instant("deleted_at"));
    }
}
