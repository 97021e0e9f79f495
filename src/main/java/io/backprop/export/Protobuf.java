package io.backprop.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.google.protobuf.CodedOutputStream;

/**
 * One protobuf message being written, field by field, with protobuf-java's wire encoder: enough to write ONNX's
 * messages from their field numbers (onnx.proto) without generating code from the schema.
 */
final class Protobuf {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    Protobuf int64(int field, long value) {
        return write(() -> out.writeInt64(field, value));
    }

    Protobuf float32(int field, float value) {
        return write(() -> out.writeFloat(field, value));
    }

    Protobuf string(int field, String value) {
        return write(() -> out.writeString(field, value));
    }

    Protobuf bytes(int field, byte[] value) {
        return write(() -> out.writeByteArray(field, value));
    }

    Protobuf message(int field, Protobuf message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        write(out::flush);
        return bytes.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private Protobuf write(Write write) {
        try {
            write.run();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
