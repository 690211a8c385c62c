package io.switchboard.admin.domain;

import java.util.List;
import java.util.Optional;

/**
 * The identity provider (Keycloak), where agents and supervisors are users. Every method throws
 * {@link IdentityUnavailableException} when it cannot answer.
 */
public interface IdentityDirectory {

    Optional<AgentSettings> find(String username);

    /** Agents and supervisors who serve the tenant. */
    List<AgentSettings> serving(String tenantId);

    /** Every user with the realm role {@code agent}: what routing may offer contacts to. */
    List<AgentSettings> agents();

    /** Creates the user with the password; throws {@link ConflictException} when the username or email is taken. */
    void create(AgentSettings agent, String password);

    /** Changes the user to match, and their password when one is given. */
    void update(AgentSettings agent, String password);

    void delete(String username);
}
