package io.switchboard.campaigns.api;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.campaigns.domain.Campaign;
import io.switchboard.campaigns.domain.CampaignDraft;
import io.switchboard.campaigns.domain.Campaigns;
import io.switchboard.campaigns.domain.ImportResult;
import io.switchboard.campaigns.domain.NewAttempt;
import io.switchboard.campaigns.domain.Preview;
import io.switchboard.campaigns.domain.RecordView;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.security.SignedInUser;

/**
 * A tenant's campaigns: supervisors and admins of the tenant manage them; its agents read them and work the
 * preview endpoints (docs/campaigns.md, "API").
 */
@Path("/campaigns/tenants/{tenant}/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    static final String AGENT = "agent";
    static final String SUPERVISOR = "supervisor";
    static final String ADMIN = "admin";
    static final String TEXT_CSV = "text/csv";

    /** The answer to POST …/call: the attempt's contact id and number. */
    public record CallBody(String contactId, int attempt) {
    }

    /** The answer to POST …/preview/next. */
    public record ReservationBody(UUID campaignId, UUID recordId, String phone, Map<String, String> fields, int attempts, String script,
            Instant reservedUntil) {
    }

    private final Campaigns campaigns;
    private final Preview preview;
    private final SecurityIdentity identity;

    public CampaignResource(Campaigns campaigns, Preview preview, SecurityIdentity identity) {
        this.campaigns = campaigns;
        this.preview = preview;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ AGENT, SUPERVISOR, ADMIN })
    public List<CampaignBody> list(@PathParam("tenant") String tenant) {
        user(tenant);
        return campaigns.list(tenant).stream().map(c -> CampaignBody.of(c, campaigns.progress(c))).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public Response create(@PathParam("tenant") String tenant, CampaignDraft draft) {
        SignedInUser user = user(tenant);
        Campaign campaign = campaigns.create(tenant, draft, user.id());
        return Response.created(URI.create("/api/campaigns/tenants/" + tenant + "/campaigns/" + campaign.id()))
                .entity(CampaignBody.of(campaign, campaigns.progress(campaign))).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ AGENT, SUPERVISOR, ADMIN })
    public CampaignBody get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        user(tenant);
        Campaign campaign = campaigns.get(tenant, id(id));
        return CampaignBody.of(campaign, campaigns.progress(campaign));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public CampaignBody change(@PathParam("tenant") String tenant, @PathParam("id") String id, CampaignDraft draft) {
        user(tenant);
        Campaign campaign = campaigns.change(tenant, id(id), draft);
        return CampaignBody.of(campaign, campaigns.progress(campaign));
    }

    @PUT
    @Path("/{id}/list")
    @Consumes({ TEXT_CSV, MediaType.TEXT_PLAIN })
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public ImportResult replaceList(@PathParam("tenant") String tenant, @PathParam("id") String id, InputStream csv) {
        user(tenant);
        return campaigns.replaceList(tenant, id(id), new InputStreamReader(csv, StandardCharsets.UTF_8));
    }

    @POST
    @Path("/{id}/records")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public ImportResult addRecords(@PathParam("tenant") String tenant, @PathParam("id") String id, List<Map<String, Object>> records) {
        user(tenant);
        return campaigns.addRecords(tenant, id(id), records);
    }

    @GET
    @Path("/{id}/records")
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public List<RecordView> records(@PathParam("tenant") String tenant, @PathParam("id") String id, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        user(tenant);
        return campaigns.records(tenant, id(id), offset == null ? 0 : offset, limit == null ? 100 : limit);
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public CampaignBody start(@PathParam("tenant") String tenant, @PathParam("id") String id, @QueryParam("allowOverlap") boolean allowOverlap) {
        user(tenant);
        Campaign campaign = campaigns.start(tenant, id(id), allowOverlap);
        return CampaignBody.of(campaign, campaigns.progress(campaign));
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public CampaignBody pause(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        user(tenant);
        Campaign campaign = campaigns.pause(tenant, id(id));
        return CampaignBody.of(campaign, campaigns.progress(campaign));
    }

    @POST
    @Path("/{id}/stop")
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public CampaignBody stop(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        user(tenant);
        Campaign campaign = campaigns.stop(tenant, id(id));
        return CampaignBody.of(campaign, campaigns.progress(campaign));
    }

    /** One row per record in list order: the number, the list's columns, and how calling it went. */
    @GET
    @Path("/{id}/results")
    @Produces(TEXT_CSV)
    @RolesAllowed({ SUPERVISOR, ADMIN })
    public Response results(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        user(tenant);
        UUID campaignId = id(id);
        Campaign campaign = campaigns.get(tenant, campaignId);
        List<String> header = new ArrayList<>();
        header.add("phone");
        header.addAll(campaign.listColumns());
        header.addAll(List.of("attempts", "last_result", "disposition", "promise_amount", "promise_date", "survey_answers", "done"));
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
                campaigns.eachResult(tenant, campaignId, r -> print(csv, campaign, r));
            }
        };
        return Response.ok(body, TEXT_CSV)
                .header("Content-Disposition", "attachment; filename=\"campaign-" + campaignId + "-results.csv\"").build();
    }

    private static void print(CSVPrinter csv, Campaign campaign, RecordView r) {
        List<Object> row = new ArrayList<>();
        row.add(r.phone());
        campaign.listColumns().forEach(c -> row.add(r.fields().getOrDefault(c, "")));
        row.add(r.attempts());
        row.add(r.lastResult() == null ? "" : r.lastResult());
        row.add(r.disposition() == null ? "" : r.disposition());
        row.add(r.promiseAmount() == null ? "" : r.promiseAmount().toPlainString());
        row.add(r.promiseDate() == null ? "" : r.promiseDate().toString());
        row.add(String.join("|", r.surveyAnswers()));
        row.add(r.done());
        try {
            csv.printRecord(row);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @POST
    @Path("/{id}/preview/next")
    @RolesAllowed(AGENT)
    public Response next(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        SignedInUser user = user(tenant);
        return preview.next(tenant, id(id), user.id())
                .map(r -> Response.ok(new ReservationBody(r.campaignId(), r.record().id(), r.record().phone(), r.record().fields(),
                        r.record().attempts(), r.script(), r.reservedUntil())).build())
                .orElseGet(() -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/records/{recordId}/call")
    @RolesAllowed(AGENT)
    public Response call(@PathParam("tenant") String tenant, @PathParam("id") String id, @PathParam("recordId") String recordId) {
        SignedInUser user = user(tenant);
        NewAttempt attempt = preview.call(tenant, id(id), id(recordId), user.id());
        return Response.accepted(new CallBody(attempt.contactId(), attempt.attempt())).build();
    }

    @POST
    @Path("/{id}/records/{recordId}/skip")
    @RolesAllowed(AGENT)
    public Response skip(@PathParam("tenant") String tenant, @PathParam("id") String id, @PathParam("recordId") String recordId) {
        SignedInUser user = user(tenant);
        preview.skip(tenant, id(id), id(recordId), user.id());
        return Response.noContent().build();
    }

    private SignedInUser user(String tenant) {
        SignedInUser user = SignedInUser.of(identity);
        user.requireServes(tenant);
        return user;
    }

    static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("an id is a UUID such as 4f8a3c52-0a0e-4a53-9a55-1d0c3c6f2d11, not '" + text + "'");
        }
    }
}
