package io.switchboard.admin.persistence;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.switchboard.admin.config.AdminConfig;
import io.switchboard.admin.domain.AgentSettings;
import io.switchboard.admin.domain.ConflictException;
import io.switchboard.admin.domain.IdentityDirectory;
import io.switchboard.admin.domain.IdentityUnavailableException;
import io.switchboard.admin.domain.InvalidConfigurationException;
import io.switchboard.events.Channel;

/**
 * Agents and supervisors as Keycloak users, through keycloak-admin-client with the console's own
 * service account (client credentials; realm-management roles to view and manage users). The
 * profile lives in user attributes the realm's user profile declares: {@code tenants},
 * {@code skills} ("billing:5"), {@code capacity} ("VOICE:1") and {@code blending}.
 */
@ApplicationScoped
public class KeycloakDirectory implements IdentityDirectory {

    static final String TENANTS = "tenants";
    static final String SKILLS = "skills";
    static final String CAPACITY = "capacity";
    static final String BLENDING = "blending";
    private static final int PAGE = 500;
    private static final Logger LOG = Logger.getLogger(KeycloakDirectory.class);

    private final Keycloak keycloak;
    private final AdminConfig config;

    public KeycloakDirectory(Keycloak keycloak, AdminConfig config) {
        this.keycloak = keycloak;
        this.config = config;
    }

    @Override
    public Optional<AgentSettings> find(String username) {
        return call(() -> user(username).flatMap(u -> settings(u, realmRoles(u.getId()))));
    }

    @Override
    public List<AgentSettings> serving(String tenantId) {
        return call(() -> {
            List<AgentSettings> agents = new ArrayList<>();
            for (int first = 0; ; first += PAGE) {
                List<UserRepresentation> page = realm().users().searchByAttributes(first, PAGE, null, false, TENANTS + ":" + tenantId);
                for (UserRepresentation user : page) {
                    if (attribute(user, TENANTS).contains(tenantId)) {
                        settings(user, realmRoles(user.getId())).ifPresent(agents::add);
                    }
                }
                if (page.size() < PAGE) {
                    return agents;
                }
            }
        });
    }

    @Override
    public List<AgentSettings> agents() {
        return call(() -> {
            List<AgentSettings> agents = new ArrayList<>();
            for (int first = 0; ; first += PAGE) {
                List<UserRepresentation> page = realm().roles().get(AgentSettings.Role.AGENT.realmRole()).getUserMembers(false, first, PAGE);
                for (UserRepresentation user : page) {
                    settings(user, Set.of(AgentSettings.Role.AGENT.realmRole())).ifPresent(agents::add);
                }
                if (page.size() < PAGE) {
                    return agents;
                }
            }
        });
    }

    @Override
    public void create(AgentSettings agent, String password) {
        call(() -> {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(agent.username());
            user.setEmailVerified(true);
            fill(user, agent);
            user.setCredentials(List.of(password(password)));
            try (Response response = realm().users().create(user)) {
                if (response.getStatus() == 409) {
                    throw new ConflictException("username '" + agent.username() + "' or email '" + agent.email() + "' is taken");
                }
                if (response.getStatus() == 400) {
                    throw KeycloakRefusals.ofUser(response.readEntity(String.class));
                }
                if (response.getStatus() != 201) {
                    throw new WebApplicationException(response.getStatus());
                }
                String id = idFrom(response.getLocation());
                setRole(realm().users().get(id), agent.role());
            }
            return null;
        });
    }

    @Override
    public void update(AgentSettings agent, String password) {
        call(() -> {
            UserRepresentation user = user(agent.username())
                    .orElseThrow(() -> new ConflictException("user '" + agent.username() + "' is gone from Keycloak"));
            UserResource resource = realm().users().get(user.getId());
            // The password first: when the realm's policy refuses it, nothing else has changed yet.
            if (password != null && !password.isBlank()) {
                try {
                    resource.resetPassword(password(password));
                } catch (WebApplicationException e) {
                    if (e.getResponse().getStatus() != 400) {
                        throw e;
                    }
                    throw KeycloakRefusals.ofUser(e.getResponse().readEntity(String.class));
                }
            }
            fill(user, agent);
            resource.update(user);
            setRole(resource, agent.role());
            return null;
        });
    }

    @Override
    public void delete(String username) {
        call(() -> {
            user(username).ifPresent(u -> realm().users().delete(u.getId()).close());
            return null;
        });
    }

    // ------------------------------------------------------------------ mapping

    private static void fill(UserRepresentation user, AgentSettings agent) {
        user.setFirstName(agent.firstName());
        user.setLastName(agent.lastName());
        user.setEmail(agent.email());
        user.setEnabled(agent.enabled());
        Map<String, List<String>> attributes = user.getAttributes() == null ? new HashMap<>() : new HashMap<>(user.getAttributes());
        attributes.put(TENANTS, agent.tenants());
        attributes.put(SKILLS, agent.skills().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue()).toList());
        attributes.put(CAPACITY, agent.capacity().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().name() + ":" + e.getValue()).toList());
        attributes.put(BLENDING, List.of(Boolean.toString(agent.blending())));
        user.setAttributes(attributes);
    }

    /** The user as an agent or supervisor; empty for any other user (an admin without either role). */
    private static Optional<AgentSettings> settings(UserRepresentation user, Set<String> roles) {
        AgentSettings.Role role;
        if (roles.contains(AgentSettings.Role.AGENT.realmRole())) {
            role = AgentSettings.Role.AGENT;
        } else if (roles.contains(AgentSettings.Role.SUPERVISOR.realmRole())) {
            role = AgentSettings.Role.SUPERVISOR;
        } else {
            return Optional.empty();
        }
        Map<String, Integer> skills = new LinkedHashMap<>();
        for (String value : attribute(user, SKILLS)) {
            pair(value).ifPresentOrElse(p -> skills.put(p.getKey(), p.getValue()),
                    () -> LOG.warnf("user %s has a skill that is not name:level: '%s'", user.getUsername(), value));
        }
        Map<Channel, Integer> capacity = new LinkedHashMap<>();
        for (String value : attribute(user, CAPACITY)) {
            Optional<Map.Entry<String, Integer>> p = pair(value);
            try {
                p.ifPresent(e -> capacity.put(Channel.valueOf(e.getKey().toUpperCase(Locale.ROOT)), e.getValue()));
            } catch (IllegalArgumentException e) {
                LOG.warnf("user %s has a capacity for an unknown channel: '%s'", user.getUsername(), value);
            }
        }
        List<String> blending = attribute(user, BLENDING);
        return Optional.of(new AgentSettings(user.getUsername(), user.getFirstName(), user.getLastName(), user.getEmail(), role,
                Boolean.TRUE.equals(user.isEnabled()), attribute(user, TENANTS), skills, capacity,
                !blending.isEmpty() && Boolean.parseBoolean(blending.get(0))));
    }

    private static Optional<Map.Entry<String, Integer>> pair(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Map.entry(value.substring(0, colon).trim(), Integer.parseInt(value.substring(colon + 1).trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> attribute(UserRepresentation user, String name) {
        if (user.getAttributes() == null) {
            return List.of();
        }
        return user.getAttributes().getOrDefault(name, List.of());
    }

    // ------------------------------------------------------------------ Keycloak calls

    private RealmResource realm() {
        return keycloak.realm(config.realm());
    }

    private Optional<UserRepresentation> user(String username) {
        return realm().users().search(username, true).stream().filter(u -> u.getUsername().equals(username)).findFirst()
                .map(u -> realm().users().get(u.getId()).toRepresentation());
    }

    private Set<String> realmRoles(String userId) {
        return realm().users().get(userId).roles().realmLevel().listAll().stream().map(RoleRepresentation::getName)
                .collect(Collectors.toSet());
    }

    /** Gives the user the one console role asked for and takes the other away. */
    private void setRole(UserResource user, AgentSettings.Role role) {
        Set<String> has = user.roles().realmLevel().listAll().stream().map(RoleRepresentation::getName).collect(Collectors.toSet());
        for (AgentSettings.Role other : AgentSettings.Role.values()) {
            if (other != role && has.contains(other.realmRole())) {
                user.roles().realmLevel().remove(List.of(realm().roles().get(other.realmRole()).toRepresentation()));
            }
        }
        if (!has.contains(role.realmRole())) {
            user.roles().realmLevel().add(List.of(realm().roles().get(role.realmRole()).toRepresentation()));
        }
    }

    private static CredentialRepresentation password(String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        return credential;
    }

    private static String idFrom(URI location) {
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Keycloak down, or refusing our credentials, is a 503 for the caller; nothing was changed. */
    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (ProcessingException e) {
            throw new IdentityUnavailableException("Keycloak does not answer: " + rootMessage(e), e);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403) {
                throw new IdentityUnavailableException("Keycloak refused the console's service account (" + status + ")", e);
            }
            if (status == 409) {
                throw new ConflictException("Keycloak refused the change as a conflict (username or email taken)");
            }
            throw new IdentityUnavailableException("Keycloak answered " + status + " to the console", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
