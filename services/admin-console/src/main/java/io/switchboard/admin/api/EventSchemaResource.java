package io.switchboard.admin.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.switchboard.admin.domain.NotFoundException;
import io.switchboard.events.EventType;
import io.switchboard.events.schema.PublishedSchemas;

/**
 * The event contract in force, for integrators (public, like the docs it mirrors): the JSON Schema of each
 * event type's data, the CloudEvent envelope's, and the AsyncAPI document, exactly as this build of the
 * platform checks events against them at the door.
 */
@Path("/events")
public class EventSchemaResource {

    static final String SCHEMA_JSON = "application/schema+json";
    private static final String BASE = "/api/events/schemas/";

    /** One event type: its CloudEvents type, the topics it is published on, and where its schema is. */
    public record TypeEntry(String type, List<String> topics, String schema) {
    }

    public record Contract(String envelope, String asyncApi, List<TypeEntry> types) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Contract contract() {
        List<TypeEntry> types = java.util.Arrays.stream(EventType.values())
                .filter(type -> PublishedSchemas.types().contains(type.type()))
                .map(type -> new TypeEntry(type.type(), type.topics(), BASE + type.type()))
                .toList();
        return new Contract(BASE + PublishedSchemas.ENVELOPE, "/api/events/asyncapi.yaml", types);
    }

    @GET
    @Path("/schemas/{name}")
    @Produces({ SCHEMA_JSON, MediaType.APPLICATION_JSON })
    public Response schema(@PathParam("name") String name) {
        String schema = PublishedSchemas.schema(name)
                .orElseThrow(() -> new NotFoundException("no published schema is named " + name
                        + "; GET /api/events lists the event types, and " + PublishedSchemas.ENVELOPE + " is the envelope's"));
        return Response.ok(schema, SCHEMA_JSON).build();
    }

    @GET
    @Path("/asyncapi.yaml")
    @Produces("application/yaml")
    public String asyncApi() {
        return PublishedSchemas.asyncApi();
    }
}
