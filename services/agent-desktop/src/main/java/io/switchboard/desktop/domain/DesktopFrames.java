package io.switchboard.desktop.domain;

/**
 * The JSON frames the desktop socket sends. The browser sends {@code {"type":"auth","token":…}}
 * first (and again when its token is refreshed); the server answers {@code ready} and then pushes
 * the frames below as things change.
 */
public final class DesktopFrames {

    private DesktopFrames() {
    }

    public record Ready(String type, String agentId, boolean supervisor) {
        public Ready(String agentId, boolean supervisor) {
            this("ready", agentId, supervisor);
        }
    }

    /** A new offer to this agent. */
    public record Offer(String type, ContactSummary contact) {
        public Offer(ContactSummary contact) {
            this("offer", contact);
        }
    }

    /** A contact changed: assigned, offer ended, transferred, ended. The client keeps or drops it by its status. */
    public record Contact(String type, ContactSummary contact) {
        public Contact(ContactSummary contact) {
            this("contact", contact);
        }
    }

    /** A message in a conversation (its text cut to a preview; the thread API has all of it). */
    public record Message(String type, String contactId, ThreadMessage message) {
        public Message(String contactId, ThreadMessage message) {
            this("message", contactId, message);
        }
    }

    /** A supervisor's private note on a conversation, to its holder and the tenant's supervisors (never the customer). */
    public record Note(String type, String contactId, SupervisorNote note) {
        public Note(String contactId, SupervisorNote note) {
            this("note", contactId, note);
        }
    }

    /** A quality evaluation was scored: to its agent and the tenant's supervisors. */
    public record Evaluated(String type, Evaluation evaluation) {
        public Evaluated(Evaluation evaluation) {
            this("evaluation", evaluation);
        }
    }

    /** The customer is typing in a conversation the agent holds. */
    public record Typing(String type, String contactId) {
        public Typing(String contactId) {
            this("typing", contactId);
        }
    }

    public record Presence(String type, AgentView agent) {
        public Presence(AgentView agent) {
            this("presence", agent);
        }
    }

    public record Queue(String type, QueueView queue) {
        public Queue(QueueView queue) {
            this("queue", queue);
        }
    }

    public record Error(String type, String code, String reason) {
        public Error(String code, String reason) {
            this("error", code, reason);
        }
    }
}
