package io.switchboard.social.config;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Telegram bots this service answers for, from {@code switchboard.social.telegram.bots}. */
@ApplicationScoped
public class TelegramBots {

    /** A bot: its user name (the entry point's account id), its Bot API token and its webhook secret token. */
    public record Bot(String username, String token, String secret) {
        @Override
        public String toString() {
            return "Bot[" + username + "]";
        }
    }

    private final Map<String, Bot> bots;

    public TelegramBots(SocialConfig config) {
        this.bots = parse(config.telegram().bots());
    }

    static Map<String, Bot> parse(String json) {
        Map<String, Bot> bots = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json == null || json.isBlank() ? "[]" : json);
        } catch (IOException e) {
            throw new IllegalArgumentException("switchboard.social.telegram.bots is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("switchboard.social.telegram.bots must be a JSON array");
        }
        for (JsonNode bot : root) {
            String username = bot.path("username").asText("");
            String token = bot.path("token").asText("");
            String secret = bot.path("secret").asText("");
            // Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in a secret_token.
            if (username.isBlank() || token.isBlank() || !secret.matches("[A-Za-z0-9_-]{16,256}")) {
                throw new IllegalArgumentException("every Telegram bot needs username, token and a secret of 16-256 characters"
                        + " A-Z a-z 0-9 _ - (bot '" + username + "')");
            }
            bots.put(username, new Bot(username, token, secret));
        }
        return Map.copyOf(bots);
    }

    public Optional<Bot> bot(String username) {
        return Optional.ofNullable(bots.get(username));
    }
}
