package io.switchboard.customer360.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.smallrye.mutiny.Uni;
import io.switchboard.customer360.domain.CustomerViews;
import io.switchboard.customer360.domain.TimelineCursor;
import io.switchboard.customer360.persistence.CustomerStore;
import io.switchboard.events.Channel;
import io.switchboard.service.api.ProblemException;

/** Customers as people: profile, identities, history, merges and privacy requests. */
@Path("/customers")
public class CustomerResource {

    static final String AGENT = "agent";
    static final String SUPERVISOR = "supervisor";
    static final String ADMIN = "admin";
    static final int MAX_PAGE = 200;

    public record MergeRequest(@NotNull UUID customerId, @NotBlank String reason) {
    }

    private final CustomerStore store;
    private final Caller caller;

    public CustomerResource(CustomerStore store, Caller caller) {
        this.store = store;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ AGENT, SUPERVISOR, ADMIN })
    public Uni<CustomerViews.Customer> get(@PathParam("id") UUID id) {
        return store.find(id, caller.tenants());
    }

    @GET
    @RolesAllowed({ AGENT, SUPERVISOR, ADMIN })
    public Uni<List<CustomerViews.Customer>> byIdentifier(@QueryParam("identifier") String identifier,
            @QueryParam("tenant") String tenant) {
        String tenantId = caller.tenant(tenant);
        return store.region(tenantId)
                .chain(region -> store.findByIdentifier(tenantId, IdentifierParam.parse(identifier, region)));
    }

    @GET
    @Path("/{id}/timeline")
    @RolesAllowed({ AGENT, SUPERVISOR, ADMIN })
    public Uni<CustomerViews.TimelinePage> timeline(@PathParam("id") UUID id, @QueryParam("channel") String channel,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        return store.timeline(id, caller.tenants(), channel(channel), cursor(cursor), limit);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ AGENT, SUPERVISOR, ADMIN })
    public Uni<CustomerViews.Customer> edit(@PathParam("id") UUID id, @NotNull @Valid CustomerStore.ProfileEdit edit) {
        return store.edit(id, caller.tenants(), edit, caller.name());
    }

    @POST
    @Path("/{id}/merge")
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public Uni<CustomerViews.Customer> merge(@PathParam("id") UUID id, @NotNull @Valid MergeRequest request) {
        return store.merge(id, request.customerId(), caller.tenants(), caller.name(), request.reason());
    }

    @POST
    @Path("/{id}/unmerge")
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public Uni<List<CustomerViews.Customer>> unmerge(@PathParam("id") UUID id, @NotNull @Valid MergeRequest request) {
        return store.unmerge(id, request.customerId(), caller.tenants(), caller.name(), request.reason());
    }

    @GET
    @Path("/{id}/export")
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public Uni<CustomerViews.Export> export(@PathParam("id") UUID id) {
        return store.export(id, caller.tenants());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(ADMIN)
    public Uni<Void> erase(@PathParam("id") UUID id) {
        return store.erase(id, caller.tenants(), caller.name());
    }

    private static Channel channel(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Channel.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown channel '" + text + "'; one of " + List.of(Channel.values()));
        }
    }

    private static TimelineCursor cursor(String text) {
        try {
            return text == null || text.isBlank() ? null : TimelineCursor.decode(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }
}
