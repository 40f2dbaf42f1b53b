package dev.walletbackup.restore;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.wallet.IndexReservation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The derivation indices a restore holds back. The backup is older than the disaster, so wallets created after it
 * may exist on chain, funds included; their indices lie above the highest restored one, mostly within the gap
 * limit. The reservation is raised past them (it never goes down: a forced restore of an older backup keeps what
 * the replaced store had handed out), so the next wallets are created above.
 *
 * @param highestRestoredIndex the highest derivation index in the restored store, -1 if it has no wallet
 * @param highestReservedInBackups the highest reservation any backup of the source authenticates, every timeline
 *                             included (a newer backup than the restored one, an abandoned timeline), -1 for none
 * @param gapLimit             {@code wallet.discovery.gap-limit}
 * @param reservedThrough      the reservation now: new wallets get indices above it
 */
@JsonPropertyOrder({"highestRestoredIndex", "highestReservedInBackups", "gapLimit", "reservedThrough"})
public record ReservedIndices(long highestRestoredIndex, long highestReservedInBackups, int gapLimit,
                              long reservedThrough) {

    /**
     * Raises the reservation of the store on {@code connection} past the restored indices, the highest reservation
     * of the source's backups ({@code sourceReservation}, -1 for none) and the gap limit.
     */
    static ReservedIndices reserve(Connection connection, int gapLimit, long sourceReservation) throws SQLException {
        long highest;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COALESCE(MAX(derivation_index), -1) FROM wallet.agent_wallets");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            highest = rows.getLong(1);
        }
        IndexReservation reservation = new IndexReservation();
        reservation.raiseTo(connection, Math.max(highest, sourceReservation) + gapLimit);
        return new ReservedIndices(highest, sourceReservation, gapLimit, reservation.highestReserved(connection));
    }

    /** The same, after discovery raised the store's reservation to {@code now} (it never goes down). */
    public ReservedIndices raisedTo(long now) {
        return new ReservedIndices(highestRestoredIndex, highestReservedInBackups, gapLimit,
                Math.max(reservedThrough, now));
    }

    /** What the operator must know: the restored set may be incomplete, and what was done about it. */
    public String warning(String backupId) {
        return "wallets created after backup " + backupId + " may exist on chain, with funds, and are not in the "
                + "restored store: derivation indices up to " + reservedThrough + " are reserved (highest restored "
                + (highestRestoredIndex < 0 ? "none" : Long.toString(highestRestoredIndex))
                + (highestReservedInBackups > highestRestoredIndex ? ", reserved in newer backups or timelines "
                + highestReservedInBackups : "") + ", gap limit " + gapLimit
                + "), so no new wallet is handed their addresses; look for those wallets on chain at indices "
                + (highestRestoredIndex + 1) + " to " + reservedThrough + " before trusting the restored set as complete";
    }
}
