package dev.walletbackup.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The bench names its restore database on the configured server by replacing the database of WALLET_DB_URL. */
class PostgresUrlTest {
    @Test
    void anotherDatabaseKeepsTheServerAndTheParameters() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db.internal:5433/wallets?sslmode=require&password=s3cret");

        assertThat(url.database()).isEqualTo("wallets");
        assertThat(url.withDatabase("wallets_bench_restore").url())
                .isEqualTo("jdbc:postgresql://db.internal:5433/wallets_bench_restore?sslmode=require&password=s3cret");
        assertThat(url.withoutParameters()).isEqualTo("jdbc:postgresql://db.internal:5433/wallets");
    }

    @Test
    void theShortFormsAndSeveralHostsAreUnderstood() {
        assertThat(PostgresUrl.parse("jdbc:postgresql:wallets").withDatabase("other").url())
                .isEqualTo("jdbc:postgresql:other");
        assertThat(PostgresUrl.parse("jdbc:postgresql://a:5432,b:5432/wallets?targetServerType=primary")
                .withDatabase("other").url()).isEqualTo("jdbc:postgresql://a:5432,b:5432/other?targetServerType=primary");
    }

    @Test
    void aUrlWithoutADatabaseIsRefusedWithoutShowingItsParameters() {
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://db.internal:5432/?password=s3cret"))
                .hasMessage("WALLET_DB_URL must name its database, as in jdbc:postgresql://HOST:PORT/DATABASE; got "
                        + "jdbc:postgresql://db.internal:5432/")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void theRestoreDatabaseNameFitsPostgresqlsIdentifierLimit() {
        assertThat(BenchStores.restoreDatabase("wallets")).isEqualTo("wallets_bench_restore");
        String longest = BenchStores.restoreDatabase("w".repeat(63));
        assertThat(longest).hasSize(63).endsWith("_bench_restore");
    }
}
