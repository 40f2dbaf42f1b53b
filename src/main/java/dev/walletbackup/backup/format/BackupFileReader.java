package dev.walletbackup.backup.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.walletbackup.crypto.AuthenticationFailedException;
import dev.walletbackup.crypto.ChunkedAesGcm;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.Sha256;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.files.IoFailures;
import dev.walletbackup.json.WalletJson;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads one backup file. {@link #open(Path)} parses and checks the plaintext header region without a password;
 * {@link #unlock(Password)} unwraps the data key, authenticates the header and returns the payload, decrypted and
 * decompressed as it is read. Every failure names the file.
 */
public final class BackupFileReader implements AutoCloseable {
    private final Path file;
    private final DataInputStream in;
    private final byte[] prefix;
    private final byte[] headerJson;
    private final BackupHeader header;
    private final KeySlot keySlot;
    private final byte[] headerMac;

    private BackupFileReader(Path file, DataInputStream in, byte[] prefix, byte[] headerJson, BackupHeader header,
                             KeySlot keySlot, byte[] headerMac) {
        this.file = file;
        this.in = in;
        this.prefix = prefix;
        this.headerJson = headerJson;
        this.header = header;
        this.keySlot = keySlot;
        this.headerMac = headerMac;
    }

    public static BackupFileReader open(Path file) {
        DataInputStream in;
        try {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new BackupFormatException(file + ": cannot open: " + IoFailures.reason(e), e);
        }
        try {
            byte[] magic = in.readNBytes(BackupFileFormat.MAGIC.length);
            if (!Arrays.equals(magic, BackupFileFormat.MAGIC)) {
                throw new BackupFormatException("not a wallet-backup file (bad magic)");
            }
            int version = in.readUnsignedShort();
            if (!BackupHeader.isReadable(version)) {
                throw new BackupFormatException("unsupported format version " + version);
            }
            int length = in.readInt();
            if (length <= 0 || length > BackupFileFormat.MAX_HEADER_BYTES) {
                throw new BackupFormatException("header length " + Integer.toUnsignedString(length) + " is out of range");
            }
            byte[] headerJson = in.readNBytes(length);
            if (headerJson.length < length) {
                throw new EOFException();
            }
            BackupHeader header = parseHeader(headerJson, version);
            byte[] slot = in.readNBytes(KeySlot.BYTES);
            byte[] mac = in.readNBytes(BackupFileFormat.MAC_BYTES);
            if (mac.length < BackupFileFormat.MAC_BYTES) {
                throw new EOFException();
            }
            byte[] prefix = ByteBuffer.allocate(magic.length + 2 + 4 + length).put(magic)
                    .putShort((short) version).putInt(length).put(headerJson).array();
            return new BackupFileReader(file, in, prefix, headerJson, header, KeySlot.parse(slot), mac);
        } catch (EOFException e) {
            closeQuietly(in);
            throw new BackupFormatException(file + ": file truncated inside the header");
        } catch (BackupFormatException e) {
            closeQuietly(in);
            throw new BackupFormatException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(in);
            throw new BackupFormatException(file + ": cannot read: " + IoFailures.reason(e), e);
        }
    }

    public BackupHeader header() {
        return header;
    }

    public KeySlot keySlot() {
        return keySlot;
    }

    public Path file() {
        return file;
    }

    /**
     * The decrypted, decompressed payload. Reading it throws {@link BackupFormatException} naming the file and the
     * chunk at the first byte that does not authenticate.
     *
     * @throws dev.walletbackup.crypto.WrongPasswordException on a wrong password
     */
    public InputStream unlock(Password password) {
        byte[] dataKey = unwrapDataKey(password);
        try {
            return unlock(dataKey);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The data key, unwrapped from the key slot with the password: the one Argon2id derivation of a file. */
    byte[] unwrapDataKey(Password password) {
        try {
            return keySlot.unwrap(password, Sha256.of(headerJson));
        } catch (BackupFormatException e) {
            throw new BackupFormatException(file + ": " + e.getMessage(), e);
        } catch (WrongPasswordException e) {
            // The check bytes cannot tell a wrong password from altered check bytes; naming the file tells the
            // operator which one to compare with another copy if the password is right.
            throw new WrongPasswordException("wrong password, or the key slot of " + file + " was altered");
        }
    }

    /** The payload under a data key already unwrapped; the header is authenticated first. The key is not kept. */
    InputStream unlock(byte[] dataKey) {
        if (!MessageDigest.isEqual(headerMac, BackupFileFormat.headerMac(dataKey, prefix))) {
            throw new BackupFormatException(file + ": header failed authentication (the header was altered)");
        }
        ChunkedAesGcm aead = new ChunkedAesGcm(dataKey, header.chunkSize());
        if (header.compressesEachChunk()) {
            return new NamedFailures(new CompressedChunks.Reader(in, aead, header.chunkCodec(), Sha256.of(headerJson),
                    header.chunkSize()), file);
        }
        InputStream decrypted = aead.decryptingStream(in, Sha256.of(headerJson));
        return new NamedFailures(new InflaterInputStream(decrypted, new Inflater(), 1 << 16), file);
    }

    /**
     * What the data key is bound to: the header and the key slot. Two reads of files with the same identity unwrap
     * the same key, so an operation that opens a backup twice derives its key once ({@link DataKeys}).
     */
    String keyIdentity() {
        return HexFormat.of().formatHex(Sha256.of(headerJson)) + HexFormat.of().formatHex(keySlot.toBytes());
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static BackupHeader parseHeader(byte[] json, int version) {
        try {
            BackupHeader header = WalletJson.mapper().reader()
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json, BackupHeader.class);
            if (header.formatVersion() != version) {
                throw new BackupFormatException("header: formatVersion " + header.formatVersion()
                        + " differs from the file's format version " + version);
            }
            header.validate();
            if (header.chunkSize() < ChunkedAesGcm.MIN_CHUNK_SIZE || header.chunkSize() > ChunkedAesGcm.MAX_CHUNK_SIZE) {
                throw new BackupFormatException("header: chunkSize " + header.chunkSize() + " is out of range");
            }
            return header;
        } catch (IOException | IllegalArgumentException e) {
            throw new BackupFormatException("header is not valid JSON of format version " + version + ": "
                    + WalletJson.problem(e), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing a read-only file cannot lose data
        }
    }

    /** Turns authentication and decompression failures into integrity failures that name the file. */
    private static final class NamedFailures extends FilterInputStream {
        private final Path file;

        NamedFailures(InputStream in, Path file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (AuthenticationFailedException | BackupFormatException e) {
                throw new BackupFormatException(file + ": " + e.getMessage(), e);
            } catch (ZipException e) {
                throw new BackupFormatException(file + ": payload does not decompress: " + e.getMessage(), e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (AuthenticationFailedException | BackupFormatException e) {
                throw new BackupFormatException(file + ": " + e.getMessage(), e);
            } catch (ZipException e) {
                throw new BackupFormatException(file + ": payload does not decompress: " + e.getMessage(), e);
            }
        }
    }
}
