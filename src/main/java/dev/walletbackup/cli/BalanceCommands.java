package dev.walletbackup.cli;

import static dev.walletbackup.cli.OptionChecks.option;

import dev.walletbackup.NotFoundException;
import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceTokens;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.reconcile.BalancePoller;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code balances record | list | remove}. */
@Command(name = "balances", description = "Record and list balance snapshots of agent wallets.",
        subcommands = {BalanceCommands.Record.class, BalanceCommands.ListBalances.class, BalanceCommands.Remove.class,
                BalanceCommands.Sync.class})
final class BalanceCommands {
    private static final Map<String, Integer> NATIVE_DECIMALS = Map.of("ETH", 18, "XRP", 6);

    static Chain chain(String name) {
        try {
            return Chain.fromWireName(name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--chain: " + e.getMessage());
        }
    }

    @Command(name = "record", description = "Record a balance snapshot by hand (amount in the token's smallest unit).")
    static final class Record extends StoreCommand {
        @Option(names = "--agent", paramLabel = "ID", required = true)
        String agentId;

        @Option(names = "--chain", paramLabel = "evm|xrp", required = true)
        String chain;

        @Option(names = "--token", paramLabel = "TOKEN", required = true, description = "ETH, XRP, a token contract address, or an XRP Ledger CURRENCY.ISSUER.")
        String token;

        @Option(names = "--amount", paramLabel = "N", required = true,
                description = "Exact integer in the smallest unit (wei, drops): digits 0-9 only, at most 78.")
        BigInteger amount;

        @Option(names = "--decimals", paramLabel = "D", description = "Token decimals (default 18 for ETH, 6 for XRP).")
        Integer decimals;

        @Option(names = "--block", paramLabel = "N", description = "Block number or ledger index the amount was read at.")
        Long block;

        @Override
        void checkArguments() {
            chain(chain);
        }

        @Override
        void run(WalletServices services) throws Exception {
            OptionChecks.agentId(agentId);
            Chain onChain = chain(chain);
            String stored = option("--token", () -> BalanceTokens.normalise(onChain, token));
            option("--amount", () -> AgentBalance.requireValidAmount(amount));
            Integer resolvedDecimals = decimals != null ? decimals : NATIVE_DECIMALS.get(stored);
            if (resolvedDecimals == null) {
                throw new UsageException("--decimals is needed for token " + stored);
            }
            option("--decimals", () -> AgentBalance.requireValidDecimals(resolvedDecimals));
            AgentBalance recorded = services.balances().record(agentId, onChain, stored, amount, resolvedDecimals, block);
            if (json()) {
                printJson(recorded);
            } else {
                out().printf("Recorded %s %s %s for %s%n", recorded.chain().wireName(), recorded.token(),
                        recorded.balance(), recorded.agentId());
            }
        }
    }

    @Command(name = "sync", description = "Read every active wallet's balances from the chains and store them as snapshots. Exit "
            + "code 1 when the sync is partial: a chain, or some of its requests, could not be read (stderr says which).")
    static final class Sync extends RouteCommand {
        private int exitCode = ExitCodes.OK;

        @Override
        void run(WalletServices services) throws Exception {
            BalancePoller.Report report = WalletBackupApplication.requestOnce(services, () -> {
                throw new IllegalStateException("balance sync needs no password");
            }, cli().clock(), "direct:balances-sync", null, BalancePoller.Report.class);
            // Partial like a reconciliation that could not compare every balance: a cron job must notice.
            if (report.partial()) {
                exitCode = ExitCodes.FAILURE;
                report.failed().forEach((chain, reason) -> err().printf("%s: error: %s balances not read: %s%n",
                        spec.qualifiedName(), chain, reason));
            }
            if (json()) {
                printJson(report);
            } else {
                out().printf("Stored %d balance snapshots read from the chains%s%n", report.stored(),
                        report.partial() ? "; " + report.unread() + " balances not read" : "");
            }
        }

        @Override
        int exitCode() {
            return exitCode;
        }
    }

    @Command(name = "list", description = "List balance snapshots, of one agent or of all.")
    static final class ListBalances extends StoreCommand {
        @Option(names = "--agent", paramLabel = "ID")
        String agentId;

        @Override
        void run(WalletServices services) throws Exception {
            if (agentId != null) {
                OptionChecks.agentId(agentId);
            }
            if (json()) {
                JsonArrayWriter array = new JsonArrayWriter(out());
                services.balances().forEach(agentId, array::write);
                array.close();
                return;
            }
            out().printf("%-24s %-5s %-44s %40s %s%n", "AGENT", "CHAIN", "TOKEN", "BALANCE", "DECIMALS");
            services.balances().forEach(agentId, balance -> out().printf("%-24s %-5s %-44s %40s %d%n",
                    balance.agentId(), balance.chain().wireName(), balance.token(), balance.balance(),
                    balance.decimals()));
        }
    }

    @Command(name = "remove", description = "Forget one balance snapshot (a token no longer tracked).")
    static final class Remove extends StoreCommand {
        @Option(names = "--agent", paramLabel = "ID", required = true)
        String agentId;

        @Option(names = "--chain", paramLabel = "evm|xrp", required = true)
        String chain;

        @Option(names = "--token", paramLabel = "TOKEN", required = true)
        String token;

        @Override
        void run(WalletServices services) throws Exception {
            OptionChecks.agentId(agentId);
            if (!services.balances().remove(agentId, chain(chain), token)) {
                services.wallets().require(agentId);
                throw new NotFoundException("agent " + agentId + " has no " + chain + " balance of " + token);
            }
            if (json()) {
                printJson(Map.of("removed", true));
            } else {
                out().printf("Removed the %s %s balance of %s%n", chain, token, agentId);
            }
        }
    }
}
