package org.leadrelay.directory.partners.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.leadrelay.directory.partners.Actor;
import org.leadrelay.directory.partners.ManagingPartners;
import org.leadrelay.directory.partners.Partner;
import org.leadrelay.directory.partners.PartnerFilter;
import org.leadrelay.directory.partners.PartnerPage;
import org.leadrelay.directory.partners.PartnerProfile;
import org.leadrelay.directory.partners.PartnerStatus;
import org.leadrelay.directory.partners.Partners;
import org.leadrelay.directory.partners.PublishingPartners;
import org.leadrelay.kit.web.ApiDescriptions;
import org.leadrelay.kit.web.FieldError;
import org.leadrelay.kit.web.InvalidRequestException;
import org.leadrelay.kit.web.JsonPointers;
import org.leadrelay.kit.web.UnknownFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Partners in bulk, for operators: import from CSV or JSON (with a dry run that only reports), export
 * to either, and republish every partner to the topic so a new consumer can rebuild its copy. An
 * import is all or nothing: if any row is invalid, nothing is stored and the report says why.
 */
@RestController
@SecurityRequirement(name = ApiDescriptions.OPERATOR)
@RequestMapping("/api/partners")
class PartnerTransferController {

    static final String CSV = "text/csv";
    private static final int MAX_ROWS = 50_000;
    private static final int EXPORT_PAGE = 1_000;

    private final ManagingPartners managing;
    private final Partners partners;
    private final PublishingPartners publishing;
    private final PartnerForms forms;
    private final Validator validator;
    private final JsonMapper json;
    private final ObjectReader formReader;

    PartnerTransferController(ManagingPartners managing, Partners partners, PublishingPartners publishing, PartnerForms forms,
            Validator validator, JsonMapper json) {
        this.managing = managing;
        this.partners = partners;
        this.publishing = publishing;
        this.forms = forms;
        this.validator = validator;
        this.json = json;
        // each row's unknown fields fail that row, reported in it (not the kit's whole-request answer)
        this.formReader = json.readerFor(PartnerForm.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).withAttribute(UnknownFields.LEFT_TO_THE_READER, true);
    }

    @Operation(operationId = "importPartners", summary = "Import partners from CSV or JSON (operators)",
            description = "One row per partner, columns as the export writes them. ?dryRun=true only validates. 200 with a per-row report; 400 with it when a row is invalid, and then nothing is stored.")
    @PostMapping(path = "/import", consumes = CSV, produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The per-row report: what was created, or with dryRun what would be")
    @ApiResponse(responseCode = "400", description = "The per-row report when a row is invalid (nothing is stored), or problem details when the body is not a list of partners",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = ImportReport.class)),
                    @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem"))})
    ResponseEntity<ImportReport> importCsv(@RequestBody String body, @RequestParam(defaultValue = "false") boolean dryRun,
            @Parameter(hidden = true) Actor actor) {
        List<PartnerCsv.Row> rows = PartnerCsv.read(new StringReader(body), MAX_ROWS);
        return importRows(rows, dryRun, actor);
    }

    @Operation(operationId = "importPartners", summary = "Import partners from CSV or JSON (operators)",
            description = "An array of partners as POST /api/partners takes them, each with an optional id. ?dryRun=true only validates.")
    @PostMapping(path = "/import", consumes = "application/json", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The per-row report: what was created, or with dryRun what would be")
    @ApiResponse(responseCode = "400", description = "The per-row report when a row is invalid (nothing is stored), or problem details when the body is not a list of partners",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = ImportReport.class)),
                    @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem"))})
    ResponseEntity<ImportReport> importJson(@RequestBody JsonNode body, @RequestParam(defaultValue = "false") boolean dryRun,
            @Parameter(hidden = true) Actor actor) {
        if (!body.isArray()) {
            throw new InvalidRequestException("", "must be an array of partners");
        }
        if (body.size() > MAX_ROWS) {
            throw new InvalidRequestException("", "at most " + MAX_ROWS + " partners per import");
        }
        List<PartnerCsv.Row> rows = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            rows.add(jsonRow(i + 1, body.get(i)));
        }
        return importRows(rows, dryRun, actor);
    }

    private PartnerCsv.Row jsonRow(int number, JsonNode element) {
        if (!element.isObject()) {
            return new PartnerCsv.Row(number, null, null, List.of(new FieldError("", "must be an object")));
        }
        ObjectNode fields = ((ObjectNode) element).deepCopy();
        JsonNode id = fields.remove("id");
        List<FieldError> errors = new ArrayList<>();
        UUID partnerId = null;
        if (id != null && !id.isNull()) {
            try {
                partnerId = UUID.fromString(id.asString());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("/id", "must be a UUID"));
            }
        }
        try {
            return new PartnerCsv.Row(number, partnerId, formReader.readValue(fields), errors);
        } catch (JacksonException e) {
            errors.add(new FieldError(pointer(e), "is not readable: " + e.getOriginalMessage()));
            return new PartnerCsv.Row(number, partnerId, null, errors);
        }
    }

    private ResponseEntity<ImportReport> importRows(List<PartnerCsv.Row> rows, boolean dryRun, Actor actor) {
        List<RowResult> results = new ArrayList<>();
        List<ManagingPartners.NewPartner> valid = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        rows.stream().map(PartnerCsv.Row::id).filter(java.util.Objects::nonNull).forEach(ids::add);
        Set<UUID> taken = managing.taken(ids);
        Set<UUID> seen = new HashSet<>();
        for (PartnerCsv.Row row : rows) {
            List<FieldError> errors = new ArrayList<>(row.errors());
            PartnerProfile profile = null;
            if (row.form() != null) {
                for (ConstraintViolation<PartnerForm> violation : validator.validate(row.form())) {
                    errors.add(new FieldError(JsonPointers.fromPropertyPath(violation.getPropertyPath().toString()), violation.getMessage()));
                }
                if (errors.isEmpty()) {
                    try {
                        profile = forms.profile(row.form(), "");
                    } catch (InvalidRequestException e) {
                        errors.addAll(e.errors());
                    }
                }
            }
            if (row.id() != null && (taken.contains(row.id()) || !seen.add(row.id()))) {
                errors.add(new FieldError("/id", "already belongs to a partner"));
            }
            errors.sort(Comparator.comparing(FieldError::pointer));
            if (errors.isEmpty()) {
                PartnerStatus status = row.form().status() == null ? PartnerStatus.ACTIVE : row.form().status();
                valid.add(new ManagingPartners.NewPartner(row.id(), profile, status, row.form().statusReason()));
                results.add(new RowResult(row.number(), "valid", row.id(), List.of()));
            } else {
                results.add(new RowResult(row.number(), "invalid", row.id(), errors));
            }
        }
        int invalid = rows.size() - valid.size();
        if (invalid > 0 || dryRun) {
            return ResponseEntity.status(invalid > 0 ? HttpStatus.BAD_REQUEST : HttpStatus.OK)
                    .body(new ImportReport(dryRun, rows.size(), valid.size(), invalid, 0, results));
        }
        List<Partner> added = managing.registerAll(valid, actor);
        List<RowResult> created = new ArrayList<>(added.size());
        for (int i = 0; i < added.size(); i++) {
            created.add(new RowResult(results.get(i).row(), "created", added.get(i).id(), List.of()));
        }
        return ResponseEntity.ok(new ImportReport(false, rows.size(), valid.size(), 0, added.size(), created));
    }

    @Operation(operationId = "exportPartners", summary = "Export every partner (operators)", description = "?format=csv (default) or json; the import reads both back.")
    @GetMapping(path = "/export", produces = {CSV, "application/json"})
    @ApiResponse(responseCode = "200", description = "Every partner, as CSV or JSON")
    @ApiResponse(responseCode = "400", description = "A format other than csv or json")
    ResponseEntity<String> export(@RequestParam(defaultValue = "csv") String format) {
        List<Partner> all = new ArrayList<>();
        PartnerPage page;
        int number = 0;
        do {
            page = partners.list(PartnerFilter.ALL, number++, EXPORT_PAGE);
            all.addAll(page.partners());
        } while (page.partners().size() == EXPORT_PAGE);
        if (format.equalsIgnoreCase("json")) {
            List<Map<String, Object>> rows = new ArrayList<>(all.size());
            for (Partner partner : all) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("id", partner.id());
                row.putAll(json.convertValue(PartnerForms.form(partner), Map.class));
                row.values().removeIf(java.util.Objects::isNull);
                rows.add(row);
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(rows));
        }
        if (!format.equalsIgnoreCase("csv")) {
            throw new InvalidRequestException("/query/format", "must be csv or json");
        }
        StringWriter csv = new StringWriter();
        PartnerCsv.write(all, csv);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(CSV + ";charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"partners.csv\"").body(csv.toString());
    }

    @Operation(operationId = "republishPartners", summary = "Republish every partner to partners.v1 (operators)",
            description = "202: every partner's current state goes to the topic again, in the background, so a new consumer can rebuild its copy.")
    @PostMapping(path = "/republish", produces = "application/json")
    @ApiResponse(responseCode = "202", description = "How many partners go to the topic again")
    ResponseEntity<Republished> republish() {
        return ResponseEntity.accepted().body(new Republished(publishing.republishAll()));
    }

    private static String pointer(JacksonException e) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            pointer.append('/').append(reference.getPropertyName() != null ? reference.getPropertyName() : String.valueOf(reference.getIndex()));
        }
        return pointer.toString();
    }

    /**
     * What an import did or would do.
     *
     * @param results one per row: {@code valid} (dry run), {@code created} with its id, or {@code invalid} with the errors
     */
    record ImportReport(boolean dryRun, int rows, int valid, int invalid, int created, List<RowResult> results) {
    }

    /** One row's outcome; pointers are relative to the row. */
    record RowResult(int row, String status, UUID id, List<FieldError> errors) {
    }

    /** How many partners go to the topic again. */
    record Republished(long partners) {
    }
}
