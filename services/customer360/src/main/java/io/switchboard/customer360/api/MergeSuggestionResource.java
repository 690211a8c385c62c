package io.switchboard.customer360.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.smallrye.mutiny.Uni;
import io.switchboard.customer360.domain.CustomerViews;
import io.switchboard.customer360.persistence.CustomerStore;

/**
 * Customers that a contact linked on weak evidence. Agents see them; a supervisor confirms one with
 * {@code POST /customers/{id}/merge} or dismisses it here.
 */
@Path("/merge-suggestions")
public class MergeSuggestionResource {

    private final CustomerStore store;
    private final Caller caller;

    public MergeSuggestionResource(CustomerStore store, Caller caller) {
        this.store = store;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ CustomerResource.AGENT, CustomerResource.SUPERVISOR, CustomerResource.ADMIN })
    public Uni<List<CustomerViews.Suggestion>> open(@QueryParam("tenant") String tenant) {
        return store.suggestions(caller.tenant(tenant));
    }

    @POST
    @Path("/{id}/dismiss")
    @RolesAllowed({ CustomerResource.SUPERVISOR, CustomerResource.ADMIN })
    public Uni<Void> dismiss(@PathParam("id") UUID id) {
        return store.dismissSuggestion(id, caller.tenants(), caller.name());
    }
}
