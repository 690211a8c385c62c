package io.switchboard.reporting.schedules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real SMTP server in the test JVM (GreenMail) as the relay scheduled reports go through; a test can take it down. */
public class GreenMailRelay implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static GreenMail greenMail;

    public static synchronized GreenMail greenMail() {
        return greenMail;
    }

    /** The relay is down: connections are refused. */
    public static synchronized void takeDown() {
        greenMail.stop();
    }

    /** The relay is back, on the same port, with an empty store. */
    public static synchronized void restart() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @Override
    public Map<String, String> start() {
        port = freePort();
        restart();
        return Map.of("switchboard.reporting.relay.host", "127.0.0.1", "switchboard.reporting.relay.port", String.valueOf(port));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
