package io.backprop.support;

import java.nio.charset.StandardCharsets;

/** A POST sent by hand over a socket, its body chunk by chunk: to hold a request open part-way through its body. */
public final class ChunkedPost {

    private ChunkedPost() {
    }

    /** The request line and headers, with {@code key} as a Bearer key unless null, and a first chunk. */
    public static byte[] start(String path, String contentType, String key, String first) {
        return ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + "Content-Type: " + contentType
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + text(first))
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] chunk(String text) {
        return text(text).getBytes(StandardCharsets.US_ASCII);
    }

    /** A last chunk of data, and the empty chunk that ends the body. */
    public static byte[] end(String text) {
        return (text(text) + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(String text) {
        return Integer.toHexString(text.length()) + "\r\n" + text + "\r\n";
    }
}
