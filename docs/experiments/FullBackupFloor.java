import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.postgresql.PGConnection;

/**
 * The least a full backup in Java can do on PostgreSQL, timed: what docs/performance.md compares with
 * {@code pg_dump -Fc | gpg}. In one REPEATABLE READ snapshot it copies the three state tables out with
 * {@code COPY ... TO STDOUT (FORMAT binary)} (no joins, no order, no parsing, no digest of the state), deflates at
 * level 1, seals 1 MiB chunks with AES-256-GCM under a random key, fsyncs, then re-reads the file (open every chunk,
 * inflate, SHA-256 against the one taken before compression). No Camel, no Argon2id, no manifest or catalog.
 * <p>
 * Not part of wallet-backup: an experiment, run from the repository after {@code mvn -B -q package -DskipTests}:
 * {@code WALLET_DB_URL=jdbc:postgresql://HOST:PORT/DB WALLET_DB_USER=U WALLET_DB_PASSWORD=P
 * java -Xmx256m -cp 'target/lib/*' docs/experiments/FullBackupFloor.java /tmp/floor.bin}
 */
public final class FullBackupFloor {
    private static final String[] TABLES = {"agent_wallets", "wallet_lifecycle", "balance_snapshots"};
    private static final int CHUNK = 1 << 20;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long started = System.nanoTime();
        byte[] keyBytes = new byte[32];
        new SecureRandom().nextBytes(keyBytes);
        SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        long plainBytes;
        try (Connection connection = DriverManager.getConnection(System.getenv("WALLET_DB_URL"),
                System.getenv("WALLET_DB_USER"), System.getenv("WALLET_DB_PASSWORD"));
             FileOutputStream out = new FileOutputStream(file.toFile())) {
            connection.setAutoCommit(false);
            connection.createStatement().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            ChunkSealer sealer = new ChunkSealer(out, key);
            DeflaterOutputStream deflated = new DeflaterOutputStream(sealer, new Deflater(Deflater.BEST_SPEED), 1 << 16);
            Counted plain = new Counted(deflated, written);
            for (String table : TABLES) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("COPY wallet." + table + " TO STDOUT (FORMAT binary)", plain);
            }
            deflated.finish();
            sealer.close();
            out.getFD().sync();
            plainBytes = plain.bytes;
            connection.commit();
        }
        long writtenAt = System.nanoTime();
        MessageDigest reread = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new InflaterInputStream(new ChunkOpener(file, key), new Inflater(), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                reread.update(buffer, 0, n);
            }
        }
        if (!MessageDigest.isEqual(written.digest(), reread.digest())) {
            throw new IllegalStateException("the file read back differs from what was written");
        }
        System.out.printf("%d MiB of COPY data, file %d MiB: written in %.2f s, re-read and verified in %.2f s%n",
                plainBytes >> 20, Files.size(file) >> 20, (writtenAt - started) / 1e9, (System.nanoTime() - writtenAt) / 1e9);
    }

    /** Counts and hashes what passes through. */
    private static final class Counted extends FilterOutputStream {
        private final MessageDigest digest;
        long bytes;

        Counted(OutputStream out, MessageDigest digest) {
            super(out);
            this.digest = digest;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            out.write(b, off, len);
            bytes += len;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    /** Chunks of up to 1 MiB, each {@code length(4) || nonce(12) || AES-GCM(chunk)}, the nonce a counter. */
    private static final class ChunkSealer extends OutputStream {
        private final OutputStream out;
        private final SecretKeySpec key;
        private final byte[] chunk = new byte[CHUNK];
        private int used;
        private long counter;

        ChunkSealer(OutputStream out, SecretKeySpec key) {
            this.out = out;
            this.key = key;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, CHUNK - used);
                System.arraycopy(b, off, chunk, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == CHUNK) {
                    seal();
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (used > 0) {
                seal();
            }
        }

        private void seal() throws IOException {
            byte[] nonce = ByteBuffer.allocate(12).putLong(4, counter++).array();
            try {
                Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                byte[] sealed = gcm.doFinal(chunk, 0, used);
                out.write(ByteBuffer.allocate(4).putInt(sealed.length).array());
                out.write(nonce);
                out.write(sealed);
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
            used = 0;
        }
    }

    /** Opens the chunks of a {@link ChunkSealer}'s file in order. */
    private static final class ChunkOpener extends InputStream {
        private final DataInputStream in;
        private final SecretKeySpec key;
        private byte[] plain = new byte[0];
        private int position;

        ChunkOpener(Path file, SecretKeySpec key) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(new FileInputStream(file.toFile()), CHUNK));
            this.key = key;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (position == plain.length) {
                if (!next()) {
                    return -1;
                }
            }
            int n = Math.min(len, plain.length - position);
            System.arraycopy(plain, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private boolean next() throws IOException {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                return false;
            }
            byte[] nonce = in.readNBytes(12);
            byte[] sealed = in.readNBytes(length);
            try {
                Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                plain = gcm.doFinal(sealed);
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
            position = 0;
            return true;
        }
    }
}
