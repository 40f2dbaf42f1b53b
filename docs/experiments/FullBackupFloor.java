import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.postgresql.PGConnection;

/**
 * The least a full backup in Java can do on PostgreSQL, timed: what docs/performance.md compares with
 * {@code pg_dump -Fc | gpg}. In one REPEATABLE READ snapshot it copies the three state tables out with
 * {@code COPY ... TO STDOUT} (binary, or {@code -Dformat=text}; no joins, no order, no parsing, no digest of the
 * state), cuts the stream into 1 MiB blocks that {@code -Dworkers} threads (2) each deflate at level 1 and seal with
 * AES-256-GCM under a random key, writes them in order, fsyncs, then re-reads the file the same way (open and inflate
 * every block on the workers, SHA-256 in order against the one taken before compression). No Camel, no Argon2id, no
 * manifest or catalog. Blocks compressed independently are what lets two cores share the compression, which one
 * deflate stream cannot.
 * <p>
 * Not part of wallet-backup: an experiment, run from the repository after {@code mvn -B -q package -DskipTests}:
 * {@code WALLET_DB_URL=jdbc:postgresql://HOST:PORT/DB WALLET_DB_USER=U WALLET_DB_PASSWORD=P
 * java -Xmx256m -cp 'target/lib/*' docs/experiments/FullBackupFloor.java /tmp/floor.bin}
 */
public final class FullBackupFloor {
    static final String[] TABLES = {"agent_wallets", "wallet_lifecycle", "balance_snapshots"};
    static final int CHUNK = 1 << 20;
    static final ExecutorService POOL = Executors.newFixedThreadPool(Integer.getInteger("workers", 2));
    /** Marks the end of a queue of blocks. */
    static final Future<byte[]> END = CompletableFuture.completedFuture(new byte[0]);
    static SecretKeySpec key;

    interface BlockSink {
        void accept(byte[] block) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String format = System.getProperty("format", "binary");
        long started = System.nanoTime();
        byte[] keyBytes = new byte[32];
        new SecureRandom().nextBytes(keyBytes);
        key = new SecretKeySpec(keyBytes, "AES");
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        BlockingQueue<Future<byte[]>> sealed = new ArrayBlockingQueue<>(6);
        long plainBytes = 0;
        try (Connection connection = DriverManager.getConnection(System.getenv("WALLET_DB_URL"),
                System.getenv("WALLET_DB_USER"), System.getenv("WALLET_DB_PASSWORD"));
             FileOutputStream out = new FileOutputStream(file.toFile())) {
            Thread writer = inOrder(sealed, out::write);
            connection.setAutoCommit(false);
            connection.createStatement().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            Cutter cutter = new Cutter(sealed, written);
            for (String table : TABLES) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("COPY wallet." + table + " TO STDOUT (FORMAT " + format + ")", cutter);
            }
            cutter.close();
            sealed.put(END);
            writer.join();
            out.getFD().sync();
            plainBytes = cutter.bytes;
            connection.commit();
        }
        long writtenAt = System.nanoTime();
        MessageDigest reread = MessageDigest.getInstance("SHA-256");
        BlockingQueue<Future<byte[]>> opened = new ArrayBlockingQueue<>(6);
        Thread hasher = inOrder(opened, reread::update);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file.toFile()), CHUNK))) {
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                byte[] nonce = in.readNBytes(12);
                byte[] box = in.readNBytes(length);
                opened.put(POOL.submit(() -> open(nonce, box)));
            }
        }
        opened.put(END);
        hasher.join();
        POOL.shutdown();
        if (!MessageDigest.isEqual(written.digest(), reread.digest())) {
            throw new IllegalStateException("the file read back differs from what was written");
        }
        System.out.printf("%d MiB of COPY %s data, file %d MiB: written in %.2f s, re-read and verified in %.2f s%n",
                plainBytes >> 20, format, Files.size(file) >> 20, (writtenAt - started) / 1e9, (System.nanoTime() - writtenAt) / 1e9);
    }

    /** A thread that hands the queue's blocks to the sink in queue order, as each one's work completes. */
    static Thread inOrder(BlockingQueue<Future<byte[]>> blocks, BlockSink sink) {
        Thread thread = new Thread(() -> {
            try {
                for (byte[] block; (block = blocks.take().get()).length > 0; ) {
                    sink.accept(block);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }

    static byte[] seal(byte[] plain, int used, long index) throws Exception {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(plain, 0, used);
        deflater.finish();
        ByteArrayOutputStream packed = new ByteArrayOutputStream(used / 3);
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            packed.write(buffer, 0, n);
        }
        deflater.end();
        byte[] nonce = ByteBuffer.allocate(12).putLong(4, index).array();
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        byte[] box = gcm.doFinal(packed.toByteArray());
        return ByteBuffer.allocate(16 + box.length).putInt(box.length).put(nonce).put(box).array();
    }

    static byte[] open(byte[] nonce, byte[] box) throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        byte[] packed = gcm.doFinal(box);
        Inflater inflater = new Inflater();
        inflater.setInput(packed);
        ByteArrayOutputStream plain = new ByteArrayOutputStream(CHUNK);
        byte[] buffer = new byte[1 << 16];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            plain.write(buffer, 0, n);
        }
        inflater.end();
        return plain.toByteArray();
    }

    static final class Cutter extends OutputStream {
        final BlockingQueue<Future<byte[]>> sealed;
        final MessageDigest digest;
        byte[] chunk = new byte[CHUNK];
        int used;
        long index;
        long bytes;

        Cutter(BlockingQueue<Future<byte[]>> sealed, MessageDigest digest) {
            this.sealed = sealed;
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            bytes += len;
            while (len > 0) {
                int n = Math.min(len, CHUNK - used);
                System.arraycopy(b, off, chunk, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == CHUNK) {
                    submit();
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (used > 0) submit();
        }

        void submit() throws IOException {
            byte[] block = chunk;
            int length = used;
            long at = index++;
            try {
                sealed.put(POOL.submit(() -> seal(block, length, at)));
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            chunk = new byte[CHUNK];
            used = 0;
        }
    }
}
