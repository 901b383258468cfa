package org.leadrelay.notification.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service inside Lead Relay's own network, as a partner's webhook URL must never reach it: it
 * listens on the loopback address and counts the connections it accepts, closing each at once.
 * A connection is what counts: a request need not even be sent for the network to be reached.
 */
public final class LoopbackReceiver implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();

    private LoopbackReceiver(ServerSocket socket) {
        this.socket = socket;
        Thread acceptor = new Thread(this::accept, "loopback-receiver-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static LoopbackReceiver start() throws IOException {
        return new LoopbackReceiver(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                accepted.incrementAndGet();
            } catch (IOException closed) {
                // closed by close(), or a client gone before it was accepted
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
