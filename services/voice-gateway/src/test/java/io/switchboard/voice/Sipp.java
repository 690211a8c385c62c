package io.switchboard.voice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's sipp (package sip-tester) as a real SIP peer: the trunk, or an agent's phone. Scenarios
 * are in src/test/sipp. Each run is bounded in calls (-m) and time (-timeout) and stops by itself.
 */
final class Sipp implements AutoCloseable {

    static final Path SCENARIOS = Path.of("src/test/sipp").toAbsolutePath();
    private static final Path LOGS = Path.of("target/sipp").toAbsolutePath();

    private final Process process;
    private final Path log;

    private Sipp(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts sipp with {@code scenario} against the gateway; {@code args} add to the defaults. */
    static Sipp start(String scenario, int gatewayPort, int localPort, int mediaPort, String... args) throws IOException {
        return startFrom("127.0.0.1", scenario, gatewayPort, localPort, mediaPort, args);
    }

    /** As {@link #start}, from another local address (127.0.0.2 is not a trunk). */
    static Sipp startFrom(String localAddress, String scenario, int gatewayPort, int localPort, int mediaPort, String... args)
            throws IOException {
        Files.createDirectories(LOGS);
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + gatewayPort, "-sf", SCENARIOS.resolve(scenario).toString(),
                "-i", localAddress, "-p", String.valueOf(localPort), "-mi", localAddress, "-mp", String.valueOf(mediaPort),
                "-m", "1", "-t", "u1", "-nostdin", "-timeout", "40s", "-timeout_error", "-trace_err", "-trace_msg",
                "-message_file", LOGS.resolve(scenario + "-" + localPort + "-messages.log").toString(),
                "-error_file", LOGS.resolve(scenario + "-" + localPort + "-errors.log").toString()));
        command.addAll(List.of(args));
        Path log = LOGS.resolve(scenario + "-" + localPort + ".out");
        Process process = new ProcessBuilder(command).directory(LOGS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Sipp(process, log);
    }

    /** Waits for sipp to finish; its exit code is 0 when every call of the scenario passed. */
    int await() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** The SIP messages sipp sent and received. */
    String messages() {
        try {
            Path messageFile = log.resolveSibling(log.getFileName().toString().replace(".out", "-messages.log"));
            return Files.exists(messageFile) ? Files.readString(messageFile, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    String report() {
        try {
            String errors = "";
            Path errorFile = log.resolveSibling(log.getFileName().toString().replace(".out", "-errors.log"));
            if (Files.exists(errorFile)) {
                errors = Files.readString(errorFile, StandardCharsets.ISO_8859_1);
            }
            String messages = "";
            Path messageFile = log.resolveSibling(log.getFileName().toString().replace(".out", "-messages.log"));
            if (Files.exists(messageFile)) {
                messages = Files.readString(messageFile, StandardCharsets.ISO_8859_1);
            }
            return "errors:\n" + errors + "\nmessages:\n" + messages;
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
