package org.leadrelay.router.responses.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.leadrelay.events.InvalidAnswerTokenException;
import org.leadrelay.events.LeadBrief;
import org.leadrelay.router.responses.Answer;
import org.leadrelay.router.responses.Offer;

/** The answer pages' words, in English and French, and their HTML. */
record AnswerPages(boolean french) {

    static AnswerPages in(Locale locale) {
        return new AnswerPages(locale != null && "fr".equals(locale.getLanguage()));
    }

    String offer(String token, Offer offer) {
        LeadBrief lead = offer.lead();
        StringBuilder body = new StringBuilder()
                .append("<p>").append(french ? "Un client à " : "A customer in ").append(escape(lead.place()))
                .append(french ? " a besoin d'aide pour : " : " needs help with: ").append(escape(String.join(", ", lead.asked())))
                .append(".</p>");
        body.append("<p>").append(french ? "Répondez avant le " : "Please answer by ").append(time(offer.respondBy())).append(".</p>");
        if (offer.answer() != null) {
            body.append("<p><strong>").append(offer.answer().answer() == Answer.ACCEPT
                    ? (french ? "Vous avez accepté ce lead." : "You accepted this lead.")
                    : (french ? "Vous avez décliné ce lead." : "You declined this lead.")).append("</strong></p>");
        } else {
            String action = "/answers/" + escape(token);
            body.append("<form method=\"post\" action=\"").append(action).append("\"><input type=\"hidden\" name=\"answer\" value=\"accept\">")
                    .append("<button type=\"submit\">").append(french ? "Accepter ce lead" : "Accept this lead").append("</button></form>")
                    .append("<form method=\"post\" action=\"").append(action).append("\"><input type=\"hidden\" name=\"answer\" value=\"decline\">")
                    .append("<p><label>").append(french ? "Raison (facultatif) " : "Reason (optional) ")
                    .append("<input name=\"reason\" maxlength=\"1000\"></label></p><button type=\"submit\">")
                    .append(french ? "Décliner" : "Decline").append("</button></form>");
        }
        return page(french ? "Nouveau lead pour " + offer.partnerName() : "New lead for " + offer.partnerName(), body.toString());
    }

    String answered(Answer answer, Offer offer) {
        String text = answer == Answer.ACCEPT
                ? (french ? "Merci : le lead est à vous." : "Thank you: the lead is yours.")
                : (french ? "Merci : votre refus est enregistré." : "Thank you: your answer is recorded.");
        return page(french ? "Réponse enregistrée" : "Answer recorded", "<p>" + escape(text) + "</p><p>Lead " + offer.claims().leadId() + "</p>");
    }

    String message(String title, String text) {
        return page(title, "<p>" + escape(text) + "</p>");
    }

    String notTaken() {
        return french ? "Réponse non prise en compte" : "Answer not taken";
    }

    String explain(InvalidAnswerTokenException.Reason reason) {
        if (!french) {
            return reason.explanation();
        }
        return switch (reason) {
            case MALFORMED -> "le lien est incomplet ou abîmé";
            case FORGED -> "ce lien n'a pas été émis par Lead Relay";
            case EXPIRED -> "le délai pour répondre à ce lead est passé";
        };
    }

    /**
     * A moment as the reader reads it: written in UTC in the page's language, and rewritten in the
     * reader's own time zone by the shared script (service-kit's {@code /assets/leadrelay.js}).
     */
    private String time(Instant at) {
        String written = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(french ? Locale.FRENCH : Locale.ENGLISH)
                .withZone(ZoneOffset.UTC).format(at);
        return "<time datetime=\"" + at + "\">" + escape(written) + " (UTC)</time>";
    }

    /** The page in the lead form's and the console's look (service-kit's shared stylesheet). */
    private String page(String title, String body) {
        return "<!doctype html><html lang=\"" + (french ? "fr" : "en") + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>"
                + escape(title) + "</title><link rel=\"stylesheet\" href=\"/assets/leadrelay.css\"><script src=\"/assets/leadrelay.js\" defer></script>"
                + "</head><body><main class=\"narrow\"><h1>" + escape(title) + "</h1><div class=\"card\">" + body + "</div></main></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
