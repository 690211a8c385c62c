package io.switchboard.email.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.email.domain.EmailSurveys;
import io.switchboard.email.domain.StoreException;
import io.switchboard.events.ContactSurveyAnswered;

/**
 * The page behind the survey link of an agent's reply: no sign-in (the link's token is the key), one
 * rating of 1 to 5 and a comment per conversation. Answers are small HTML pages with the status that
 * says what happened.
 */
@Path("/survey/{token}")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class SurveyResource {

    private final EmailSurveys surveys;

    public SurveyResource(EmailSurveys surveys) {
        this.surveys = surveys;
    }

    @GET
    public Response form(@PathParam("token") String token) throws StoreException {
        var survey = surveys.survey(token);
        if (survey.isEmpty()) {
            return message(404, "This survey link is not valid", "It may have expired. Thank you all the same.");
        }
        if (survey.get().answeredAt() != null) {
            return message(409, "Thank you", "This conversation has been rated already.");
        }
        StringBuilder choices = new StringBuilder();
        String[] labels = {"Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"};
        for (int score = 1; score <= 5; score++) {
            choices.append("<label><input type=\"radio\" name=\"score\" value=\"").append(score).append("\" required> ")
                    .append(score).append(" – ").append(labels[score - 1]).append("</label><br>");
        }
        return page(200, "How satisfied are you with our answer?",
                "<form method=\"post\">" + choices + "<p><label>A comment (optional)<br><textarea name=\"comment\" rows=\"3\" maxlength=\""
                        + ContactSurveyAnswered.MAX_COMMENT_CHARS + "\"></textarea></label></p><button type=\"submit\">Send</button></form>");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@PathParam("token") String token, @FormParam("score") String score, @FormParam("comment") String comment)
            throws StoreException {
        int value;
        try {
            value = Integer.parseInt(score == null ? "" : score.strip());
        } catch (NumberFormatException e) {
            return message(400, "Please choose a score", "A rating is a score from 1 to 5.");
        }
        if (value < ContactSurveyAnswered.MIN_SCORE || value > ContactSurveyAnswered.MAX_SCORE) {
            return message(400, "Please choose a score", "A rating is a score from 1 to 5.");
        }
        if (comment != null && comment.strip().length() > ContactSurveyAnswered.MAX_COMMENT_CHARS) {
            return message(400, "The comment is too long", "A comment has at most " + ContactSurveyAnswered.MAX_COMMENT_CHARS + " characters.");
        }
        try {
            return switch (surveys.answer(token, value, comment)) {
                case ANSWERED -> message(200, "Thank you", "Your rating has been recorded.");
                case ALREADY_ANSWERED -> message(409, "Thank you", "This conversation has been rated already.");
                case UNKNOWN -> message(404, "This survey link is not valid", "It may have expired. Thank you all the same.");
            };
        } catch (RuntimeException notAcknowledged) {
            return message(503, "Please try again in a moment", "Your rating could not be recorded just now.");
        }
    }

    private static Response message(int status, String title, String text) {
        return page(status, title, "<p>" + escape(text) + "</p>");
    }

    /** {@code body} is markup built here from constants, never from the caller's input. */
    private static Response page(int status, String title, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width,initial-scale=1\"><title>" + escape(title) + "</title>"
                + "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}</style></head><body><h1>"
                + escape(title) + "</h1>" + body + "</body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .header("X-Frame-Options", "DENY").header("Cache-Control", "no-store").entity(html).build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
