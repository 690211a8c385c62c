package io.switchboard.routing.engine.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./switchboard simulate --scenario FILE}: prints one JSON object with the run's figures.
 * {@code ./switchboard simulate --design FILE}: proposes two skills per agent for a {@link DesignRequest}
 * and prints the design with its figures against dedicated agents and full pooling.
 */
public final class SimulatorCli {

    private SimulatorCli() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !(args[0].equals("--scenario") || args[0].equals("--design"))) {
            System.err.println("usage: simulate --scenario FILE | --design FILE");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try {
            byte[] file = Files.readAllBytes(Path.of(args[1]));
            Object answer = args[0].equals("--design") ? DesignHelper.propose(json.readValue(file, DesignRequest.class))
                    : new Simulator(json.readValue(file, Scenario.class)).run();
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            System.exit(1);
        }
    }
}
