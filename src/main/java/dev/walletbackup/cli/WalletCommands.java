package dev.walletbackup.cli;

import static dev.walletbackup.cli.OptionChecks.option;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.discovery.WalletDiscovery;
import dev.walletbackup.lifecycle.LifecycleState;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.timeline.TimelineRepository;
import dev.walletbackup.wallet.AgentIds.InvalidAgentIdException;
import dev.walletbackup.wallet.AgentWallet;
import dev.walletbackup.wallet.WalletService;
import dev.walletbackup.wallet.WalletService.BulkCreation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wallets create | list | show | set-state | discover}. */
@Command(name = "wallets", description = "Create agent wallets, list them and move them through their lifecycle.",
        subcommands = {WalletCommands.Create.class, WalletCommands.ListWallets.class, WalletCommands.Show.class,
                WalletCommands.SetState.class, WalletCommands.Discover.class})
final class WalletCommands {

    @Command(name = "create", description = "Create one agent's wallet, or many at once (no password needed).")
    static final class Create extends StoreCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Option(names = "--prefix", defaultValue = "agent-", description = "Agent id prefix for --count (default: ${DEFAULT-VALUE}).")
        String prefix;

        @Option(names = "--metadata", paramLabel = "JSON", description = "JSON object stored with a single wallet.")
        String metadata;

        static final class Target {
            @Option(names = "--agent", paramLabel = "ID", required = true, description = "Agent id of the new wallet.")
            String agentId;

            @Option(names = "--count", paramLabel = "N", required = true, description = "Create N wallets named PREFIX + derivation index.")
            Integer count;
        }

        @Override
        void run(WalletServices services) throws Exception {
            if (target.count != null) {
                if (metadata != null) {
                    throw new UsageException("--metadata goes with --agent, not --count");
                }
                if (target.count < 1) {
                    throw new UsageException("--count must be at least 1");
                }
                long started = System.nanoTime();
                BulkCreation created;
                try {
                    created = services.wallets().createMany(target.count, prefix);
                } catch (InvalidAgentIdException e) {
                    throw new UsageException("--prefix: " + e.getMessage());
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (json()) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("created", created.count());
                    out.put("firstIndex", created.firstIndex());
                    out.put("lastIndex", created.lastIndex());
                    out.put("durationMs", millis);
                    printJson(out);
                } else {
                    out().printf("Created %d wallets (derivation indices %d..%d) in %d ms%n", created.count(),
                            created.firstIndex(), created.lastIndex(), millis);
                }
                warnIfNeverDiscovered(services);
                return;
            }
            OptionChecks.agentId(target.agentId);
            option("--metadata", () -> WalletService.normalizeMetadata(metadata));
            AgentWallet wallet = services.wallets().create(target.agentId, metadata);
            if (json()) {
                printJson(wallet);
            } else {
                out().printf("Created wallet for %s at index %d%n  EVM %s%n  XRP %s%n", wallet.agentId(),
                        wallet.derivationIndex(), wallet.evmAddress(), wallet.xrpAddress());
            }
            warnIfNeverDiscovered(services);
        }

        /**
         * After a restore whose discovery did not run, only the gap limit stands between new wallets and the
         * addresses of wallets created after the backup: say so on every creation until discovery has run.
         */
        private void warnIfNeverDiscovered(WalletServices services) {
            String restoredFrom = services.store().read(new TimelineRepository()::restoredWithoutDiscovery);
            if (restoredFrom != null) {
                err().println("WARNING: this store was restored from backup " + restoredFrom + " and the chains were "
                        + "never asked about the wallets created after it: new wallets are created above the reserved "
                        + "indices, but one created after the backup beyond the gap limit "
                        + "(wallet.discovery.gap-limit) would be handed out again. Set EVM_RPC_URL and/or XRPL_RPC_URL "
                        + "and run 'wallet-backup wallets discover'");
            }
        }
    }

    @Command(name = "list", description = "List every agent wallet with its lifecycle state.")
    static final class ListWallets extends StoreCommand {
        @Override
        void run(WalletServices services) throws Exception {
            if (json()) {
                JsonArrayWriter array = new JsonArrayWriter(out());
                services.wallets().forEachOverview(array::write);
                array.close();
                return;
            }
            out().printf("%-8s %-24s %-10s %-42s %s%n", "INDEX", "AGENT", "STATE", "EVM ADDRESS", "XRP ADDRESS");
            services.wallets().forEachOverview(row -> out().printf("%-8d %-24s %-10s %-42s %s%n",
                    row.wallet().derivationIndex(), row.wallet().agentId(), row.state().wireName(),
                    row.wallet().evmAddress(), row.wallet().xrpAddress()));
        }
    }

    @Command(name = "discover", description = "Ask the chains for wallets of this seed that the store does not hold "
            + "(created after a restored backup) and bring them back, suspended.")
    static final class Discover extends RouteCommand {
        @Override
        void run(WalletServices services) throws Exception {
            if (services.config().evmRpcUrl() == null && services.config().xrplRpcUrl() == null) {
                throw new UsageException("discovery asks the chains: set EVM_RPC_URL and/or XRPL_RPC_URL first");
            }
            WalletDiscovery.Outcome outcome = WalletBackupApplication.requestOnce(services, () -> {
                throw new IllegalStateException("discovery needs no password");
            }, cli().clock(), "direct:discover", null, WalletDiscovery.Outcome.class);
            if (json()) {
                printJson(outcome);
                return;
            }
            DiscoveryLines.print(out(), outcome);
        }
    }

    @Command(name = "show", description = "Show one agent's wallet, lifecycle record and balances.")
    static final class Show extends StoreCommand {
        @Option(names = "--agent", paramLabel = "ID", required = true)
        String agentId;

        @Override
        void run(WalletServices services) throws Exception {
            AgentWallet wallet = services.wallets().require(OptionChecks.agentId(agentId));
            WalletLifecycleRecord lifecycle = services.lifecycles().require(agentId);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("wallet", wallet);
            out.put("lifecycle", lifecycle);
            out.put("balances", services.balances().list(agentId));
            if (json()) {
                printJson(out);
                return;
            }
            out().printf("agent       %s%nindex       %d%nEVM         %s%nXRP         %s (%s derivation)%nstate       %s%n"
                    + "created     %s%n", wallet.agentId(), wallet.derivationIndex(), wallet.evmAddress(),
                    wallet.xrpAddress(), wallet.xrpScheme().wireName(), lifecycle.state().wireName(), wallet.createdAt());
            if (lifecycle.suspensionReason() != null) {
                out().printf("suspended   %s (%s)%n", lifecycle.suspendedAt(), lifecycle.suspensionReason());
            }
            services.balances().list(agentId).forEach(balance -> out().printf("balance     %s %s %s (decimals %d)%n",
                    balance.chain().wireName(), balance.token(), balance.balance(), balance.decimals()));
        }
    }

    @Command(name = "set-state", description = "Move an agent wallet to another lifecycle state.")
    static final class SetState extends StoreCommand {
        @Option(names = "--agent", paramLabel = "ID", required = true)
        String agentId;

        @Option(names = "--state", paramLabel = "STATE", required = true, description = "active, suspended or archived.")
        String state;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept with a suspension).")
        String reason;

        @Override
        void run(WalletServices services) throws Exception {
            OptionChecks.agentId(agentId);
            LifecycleState target;
            try {
                target = LifecycleState.fromWireName(state.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--state: " + e.getMessage());
            }
            WalletLifecycleRecord record = services.lifecycles().moveTo(agentId, target, reason);
            if (json()) {
                printJson(record);
            } else {
                out().printf("Agent %s is now %s%n", agentId, record.state().wireName());
            }
        }
    }
}
