package dev.walletbackup.cli;

import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordPolicy;
import dev.walletbackup.crypto.PasswordPolicy.WeakPasswordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a command finds the password: {@code --password-file FILE}, else the file {@code WALLET_BACKUP_PASSWORD_FILE}
 * names (a container's or systemd's credential file), else the {@code WALLET_BACKUP_PASSWORD} environment variable.
 * Never an argument, which would show in the process list and the shell history.
 * {@code --password-file} is taken after the name of a command that needs a password, or before any command
 * ({@code wallet-backup --password-file F backup full}), so that one shell alias serves every command; a command
 * that needs no password refuses it after its name.
 */
final class PasswordOptions {
    static final String PASSWORD_VARIABLE = "WALLET_BACKUP_PASSWORD";
    static final String PASSWORD_FILE_VARIABLE = "WALLET_BACKUP_PASSWORD_FILE";
    private static final Logger LOG = LoggerFactory.getLogger(PasswordOptions.class);
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password (instead of WALLET_BACKUP_PASSWORD).")
    Path passwordFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The file given after the command's name, else the one given before the command, else none. */
    Path file() {
        if (passwordFile != null) {
            return passwordFile;
        }
        PasswordOptions beforeCommand = ((WalletBackupCli) command.root().userObject()).password();
        return beforeCommand == this ? null : beforeCommand.passwordFile;
    }

    /** The option's file, else the one {@code WALLET_BACKUP_PASSWORD_FILE} names, else none. */
    Path file(Map<String, String> environment) {
        Path option = file();
        String variable = environment.get(PASSWORD_FILE_VARIABLE);
        return option != null || variable == null || variable.isEmpty() ? option : Path.of(variable);
    }

    Password read(Map<String, String> environment) {
        Path file = file(environment);
        if (file != null) {
            return fromFile(file);
        }
        String fromEnvironment = environment.get(PASSWORD_VARIABLE);
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            throw new UsageException("a password is needed: set " + PASSWORD_VARIABLE + " or " + PASSWORD_FILE_VARIABLE
                    + ", or pass --password-file FILE");
        }
        return Password.adopt(fromEnvironment.toCharArray());
    }

    /**
     * The password that is to seal new secrets (a seed, a backup): it must pass the {@link PasswordPolicy}. A
     * refusal is a usage error naming where the password came from, never the password.
     */
    Password readToSeal(Map<String, String> environment) {
        return toSeal(read(environment), source(environment));
    }

    /**
     * A password to seal with, from a file that an option named {@code option} gives: the first line, which must pass
     * the {@link PasswordPolicy}.
     */
    static Password readToSeal(String option, Path file) {
        return toSeal(fromFile(file), option + " " + file);
    }

    /** Where the password comes from, for a message: the option or variable and the file, never the password. */
    private String source(Map<String, String> environment) {
        if (file() != null) {
            return "--password-file " + file();
        }
        Path file = file(environment);
        return file != null ? PASSWORD_FILE_VARIABLE + " " + file : PASSWORD_VARIABLE;
    }

    private static Password toSeal(Password password, String source) {
        try {
            PasswordPolicy.check(password);
            return password;
        } catch (WeakPasswordException e) {
            password.close();
            throw new UsageException(source + ": " + e.getMessage());
        }
    }

    /** The first line of {@code file}, as typed (no policy: a password that opens what exists). */
    static Password fromFile(Path file) {
        try {
            warnIfOthersCanRead(file);
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            java.util.Arrays.fill(bytes, (byte) 0);
            int end = text.indexOf('\n');
            String firstLine = end < 0 ? text : text.substring(0, end);
            if (firstLine.endsWith("\r")) {
                firstLine = firstLine.substring(0, firstLine.length() - 1);
            }
            if (firstLine.isEmpty()) {
                throw new UsageException("the password file " + file + " is empty");
            }
            return Password.adopt(firstLine.toCharArray());
        } catch (IOException e) {
            throw new UsageException("cannot read the password file " + file + ": " + e.getMessage());
        }
    }

    /** Once per file and process: a command reads its password more than once (the seed check, the file's key). */
    private static void warnIfOthersCanRead(Path file) throws IOException {
        if (!WARNED.add(file.toAbsolutePath().normalize())) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("The password file {} can be read by other users; chmod 600 it", file);
            }
        } catch (UnsupportedOperationException e) {
            LOG.debug("Cannot check the permissions of {} on this file system", file);
        }
    }
}
