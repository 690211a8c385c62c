package io.switchboard.service.probe;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import io.switchboard.service.api.ProblemException;

/** A resource that exists only in this module's tests, to exercise the shared error mapping. */
@Path("/probe")
public class ProbeResource {

    public record Greeting(@NotBlank String name, @Min(1) @Max(5) int proficiency) {
    }

    @GET
    @Path("/things/{id}")
    public String thing(@PathParam("id") String id) {
        throw ProblemException.notFound("no thing with id " + id);
    }

    @POST
    @Path("/greetings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Greeting greet(@Valid Greeting greeting) {
        return greeting;
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret internal detail");
    }
}
