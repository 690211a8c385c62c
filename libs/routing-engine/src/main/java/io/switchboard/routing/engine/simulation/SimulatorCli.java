package io.switchboard.routing.engine.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code ./switchboard simulate --scenario FILE}: prints one JSON object with the run's figures. */
public final class SimulatorCli {

    private SimulatorCli() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !args[0].equals("--scenario")) {
            System.err.println("usage: simulate --scenario FILE");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try {
            Scenario scenario = json.readValue(Files.readAllBytes(Path.of(args[1])), Scenario.class);
            System.out.println(json.writeValueAsString(new Simulator(scenario).run()));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            System.exit(1);
        }
    }
}
