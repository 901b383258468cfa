package org.leadrelay.notification.delivery.channels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail relay that speaks just enough SMTP for the connection tests, counts the connections it
 * accepts, the messages whose content ended (the moment a relay takes one) and the QUITs, and
 * misbehaves as told.
 */
final class ScriptedRelay implements AutoCloseable {

    /** How the relay treats the next messages. */
    enum Behaviour {
        /** Takes every message. */
        TAKE,
        /** Reads the whole message, then closes the connection instead of answering: it may or may not have kept it. */
        VANISH_BEFORE_ANSWERING,
        /** Refuses every recipient. */
        REFUSE_RECIPIENTS
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger quits = new AtomicInteger();
    private volatile Behaviour behaviour = Behaviour.TAKE;

    ScriptedRelay() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    int connections() {
        return connections.get();
    }

    int messages() {
        return messages.get();
    }

    int quits() {
        return quits.get();
    }

    /** Closes every open connection without a word, as a relay does with idle ones. */
    void dropConnections() throws IOException {
        for (Socket socket : open) {
            socket.close();
            open.remove(socket);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                threads.execute(() -> converse(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            say(out, "220 scripted relay");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> say(out, "250 ok");
                    case "RCPT" -> say(out, behaviour == Behaviour.REFUSE_RECIPIENTS ? "550 no such mailbox" : "250 ok");
                    case "DATA" -> {
                        say(out, "354 go on");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the content, dropped
                        }
                        if (line == null) {
                            return;
                        }
                        messages.incrementAndGet();
                        if (behaviour == Behaviour.VANISH_BEFORE_ANSWERING) {
                            return;
                        }
                        say(out, "250 queued");
                    }
                    case "QUIT" -> {
                        quits.incrementAndGet();
                        say(out, "221 bye");
                        return;
                    }
                    default -> say(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the connection was dropped on purpose, or the client went away
        } finally {
            open.remove(socket);
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
        threads.shutdownNow();
    }
}
