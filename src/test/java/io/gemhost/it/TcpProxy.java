package io.gemhost.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a server (here PostgreSQL), so a test can make one of the connections
 * through it fail silently, as a NAT or firewall that forgets a connection does: a black-holed
 * connection's sockets stay open on both sides, but no byte passes in either direction any more
 * (what arrives is read and dropped); only a side that closes its own socket ends it.
 */
final class TcpProxy implements AutoCloseable {

    /** One connection through the proxy: the client's socket and the proxy's own socket to the server. */
    private record Link(Socket client, Socket upstream, boolean[] blackHoled) {
    }

    private final ServerSocket listening;
    private final String targetHost;
    private final int targetPort;
    /** By the local port of the proxy's socket to the server, which the server sees as the client's port. */
    private final Map<Integer, Link> links = new ConcurrentHashMap<>();
    /** While true the database is gone: every connection is closed and new ones are closed at once. */
    private volatile boolean cut;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listening.getLocalPort();
    }

    /**
     * Black-holes the connection the server knows by this client port (PostgreSQL's
     * {@code pg_stat_activity.client_port}); false if that connection does not pass through here.
     */
    boolean blackHole(int upstreamLocalPort) {
        Link link = links.get(upstreamLocalPort);
        if (link == null) {
            return false;
        }
        synchronized (link.blackHoled()) {
            link.blackHoled()[0] = true;
        }
        return true;
    }

    /** The server goes away, as a stopped database does: every connection ends, new ones are closed at once. */
    void cut() {
        cut = true;
        links.values().forEach(this::end);
    }

    /** The server is back: new connections pass again. */
    void restore() {
        cut = false;
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                if (cut) {
                    close(client);
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                Link link = new Link(client, upstream, new boolean[1]);
                links.put(upstream.getLocalPort(), link);
                pump(link, client.getInputStream(), upstream.getOutputStream(), "up");
                pump(link, upstream.getInputStream(), client.getOutputStream(), "down");
            } catch (IOException e) {
                if (!listening.isClosed()) {
                    System.err.println("TcpProxy: " + e);
                }
            }
        }
    }

    private void pump(Link link, InputStream from, OutputStream to, String direction) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    boolean dropped;
                    synchronized (link.blackHoled()) {
                        dropped = link.blackHoled()[0];
                    }
                    if (!dropped) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException closed) {
                // one side went away: end the link
            } finally {
                end(link);
            }
        }, "tcp-proxy-" + direction + "-" + link.upstream().getLocalPort());
        pump.setDaemon(true);
        pump.start();
    }

    private void end(Link link) {
        links.remove(link.upstream().getLocalPort(), link);
        close(link.client());
        close(link.upstream());
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException ignored) {
            // already closed
        }
        links.values().forEach(this::end);
    }
}
