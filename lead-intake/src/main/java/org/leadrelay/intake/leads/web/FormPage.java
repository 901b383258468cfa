package org.leadrelay.intake.leads.web;

import java.util.Map;
import org.leadrelay.intake.leads.ConsentNotices;

/**
 * The lead form as HTML, in English or French, with the values typed so far and each field's
 * error next to it. Server-rendered, so it works without JavaScript and can be copied into a
 * vendor's site as is.
 */
record FormPage(boolean french, String consentText) {

    /** The form field that carries each JSON pointer of the API, for showing errors in place. */
    static final Map<String, String> FIELD_OF_POINTER = Map.ofEntries(
            Map.entry("/contact/name", "name"), Map.entry("/contact/email", "email"), Map.entry("/contact/phone", "phone"),
            Map.entry("/contact/company", "company"), Map.entry("/need/products", "products"),
            Map.entry("/need/services", "services"), Map.entry("/need/description", "description"),
            Map.entry("/location/country", "country"), Map.entry("/location/city", "city"),
            Map.entry("/location/postalCode", "postalCode"), Map.entry("/language", "language"),
            Map.entry("/employees", "employees"), Map.entry("/consent", "consent"));

    /** The page in French or English, with the consent notice's text in the same language. */
    static FormPage in(String language, ConsentNotices notices) {
        boolean french = language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("fr");
        return new FormPage(french, notices.text(french ? "fr" : "en"));
    }

    String form(Map<String, String> values, Map<String, String> errors, String renderedAt) {
        StringBuilder html = new StringBuilder()
                .append("<form method=\"post\" action=\"/forms/leads\" accept-charset=\"utf-8\">")
                .append(hidden("lang", french ? "fr" : "en"))
                .append(hidden("rendered_at", renderedAt))
                // a field people never see: bots fill every field they find
                .append("<div style=\"position:absolute;left:-10000px\" aria-hidden=\"true\"><label>Website <input name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></label></div>")
                .append(field("name", t("Your name", "Votre nom"), "text", values, errors, "name"))
                .append(field("email", t("Email *", "Email *"), "email", values, errors, "email"))
                .append(field("phone", t("Phone", "Téléphone"), "tel", values, errors, "tel"))
                .append(field("company", t("Company", "Société"), "text", values, errors, "organization"))
                .append(field("employees", t("Employees", "Salariés"), "number", values, errors, "off"))
                .append(field("products", t("Products (e.g. PostgreSQL, Java, Kubernetes)", "Produits (par ex. PostgreSQL, Java, Kubernetes)"),
                        "text", values, errors, "off"))
                .append(field("services", t("Services (e.g. migration, support, training)", "Services (par ex. migration, support, formation)"),
                        "text", values, errors, "off"))
                .append("<label for=\"description\">").append(t("What do you need?", "Quel est votre besoin ?")).append("</label>")
                .append("<textarea id=\"description\" name=\"description\" rows=\"4\" maxlength=\"5000\">")
                .append(escape(values.getOrDefault("description", ""))).append("</textarea>").append(error(errors, "description"))
                .append(field("country", t("Country *", "Pays *"), "text", values, errors, "country-name"))
                .append(field("city", t("City", "Ville"), "text", values, errors, "address-level2"))
                .append(field("postalCode", t("Postal code", "Code postal"), "text", values, errors, "postal-code"))
                .append("<label class=\"consent\"><input type=\"checkbox\" name=\"consent\" value=\"yes\"")
                .append("yes".equals(values.get("consent")) ? " checked" : "").append("> ")
                .append(escape(consentText))
                .append("</label>").append(error(errors, "consent"))
                .append("<button type=\"submit\">").append(t("Send my request", "Envoyer ma demande")).append("</button></form>");
        return page(t("Ask a partner for help", "Demander l'aide d'un partenaire"),
                "<p>" + t("Tell us what you need; a certified partner near you gets back to you, usually within hours.",
                        "Dites-nous ce dont vous avez besoin : un partenaire certifié proche de chez vous vous répond, souvent dans l'heure.")
                        + "</p>" + html);
    }

    String thanks() {
        return page(t("Thank you", "Merci"), "<p>" + t("Your request is on its way to a partner near you.",
                "Votre demande est transmise à un partenaire proche de chez vous.") + "</p>");
    }

    private String field(String name, String label, String type, Map<String, String> values, Map<String, String> errors,
            String autocomplete) {
        return "<label for=\"" + name + "\">" + escape(label) + "</label><input id=\"" + name + "\" name=\"" + name + "\" type=\""
                + type + "\" autocomplete=\"" + autocomplete + "\" value=\"" + escape(values.getOrDefault(name, "")) + "\">"
                + error(errors, name);
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static String error(Map<String, String> errors, String field) {
        String error = errors.get(field);
        return error == null ? "" : "<div class=\"error\" role=\"alert\">" + escape(error) + "</div>";
    }

    private String t(String english, String french) {
        return this.french ? french : english;
    }

    /** The page in the look the partners' answer pages and the operator console share (service-kit's stylesheet). */
    private String page(String title, String body) {
        return "<!doctype html><html lang=\"" + (french ? "fr" : "en") + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + "</title>"
                + "<link rel=\"stylesheet\" href=\"/assets/leadrelay.css\"><script src=\"/assets/leadrelay.js\" defer></script>"
                + "<style>.consent{font-weight:normal}.consent input{width:auto;margin-right:.4rem}.error{color:var(--bad);font-size:.9rem}</style>"
                + "</head><body><main class=\"narrow\"><h1>" + escape(title) + "</h1><div class=\"card\">" + body + "</div></main></body></html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
