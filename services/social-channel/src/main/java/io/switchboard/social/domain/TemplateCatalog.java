package io.switchboard.social.domain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Each tenant's approved templates, from configuration. */
public final class TemplateCatalog {

    private final Map<String, List<Template>> byTenant;

    public TemplateCatalog(Map<String, List<Template>> byTenant) {
        this.byTenant = Map.copyOf(byTenant);
    }

    /**
     * Reads {@code {"tenant":[{"name":..,"language":..,"text":..}]}}.
     *
     * @throws IllegalArgumentException naming what is wrong, so a bad configuration stops the start
     */
    public static TemplateCatalog parse(String json) {
        Map<String, List<Template>> tenants = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (IOException e) {
            throw new IllegalArgumentException("switchboard.social.templates is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("switchboard.social.templates must be a JSON object of tenant → templates");
        }
        root.fields().forEachRemaining(tenant -> {
            List<Template> templates = new ArrayList<>();
            for (JsonNode t : tenant.getValue()) {
                String name = t.path("name").asText("");
                String language = t.path("language").asText("");
                String text = t.path("text").asText("");
                if (name.isBlank() || language.isBlank() || text.isBlank()) {
                    throw new IllegalArgumentException("a template of tenant " + tenant.getKey() + " needs name, language and text");
                }
                templates.add(new Template(name, language, text));
            }
            tenants.put(tenant.getKey(), List.copyOf(templates));
        });
        return new TemplateCatalog(tenants);
    }

    public List<Template> of(String tenantId) {
        return byTenant.getOrDefault(tenantId, List.of());
    }

    /** The tenant's template of that name, in that language (any language when none is asked for). */
    public Optional<Template> find(String tenantId, String name, String language) {
        return of(tenantId).stream()
                .filter(t -> t.name().equals(name) && (language == null || language.isBlank() || t.language().equals(language)))
                .findFirst();
    }
}
