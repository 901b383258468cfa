package org.leadrelay.directory.partners.web;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.leadrelay.directory.partners.Partner;
import org.leadrelay.directory.partners.PartnerStatus;
import org.leadrelay.directory.partners.Tier;
import org.leadrelay.kit.web.FieldError;

/**
 * Partners as CSV, one row each, for spreadsheets. Lists are separated by {@code ;} and structured
 * cells have a short notation:
 * <ul>
 * <li>{@code expertise}: {@code DATABASE:postgresql:CERTIFIED:2027-06-30; SERVICE:migration; java}
 * (kind:term:level:certified-until, all but the term optional; a bare term's kind is inferred);</li>
 * <li>{@code serviceAreas}: {@code Lyon office@45.76,4.84,80} (label@latitude,longitude,radius in km; the label optional);</li>
 * <li>{@code businessHours}: {@code MONDAY-FRIDAY 09:00-18:00; SATURDAY 09:00-12:00};</li>
 * <li>{@code outOfOffice}: {@code 2031-07-01T00:00:00Z/2031-07-15T00:00:00Z};</li>
 * <li>{@code contacts}: {@code leads@partner.example:fr; boss@partner.example}.</li>
 * </ul>
 */
final class PartnerCsv {

    static final List<String> COLUMNS = List.of("id", "name", "legalName", "website", "tier", "routingWeight", "status", "statusReason",
            "expertise", "countries", "regions", "serviceAreas", "remoteServices", "languages", "capacity", "weeklyCapacity",
            "maxCapacity", "maxWeeklyCapacity", "timeZone", "businessHours", "outOfOffice", "answerDeadline", "contacts", "webhookUrl",
            "webhookEnabled");
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
            .setTrim(true).get();
    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get();

    private PartnerCsv() {
    }

    /** One data row: its number (1 is the first row after the header), the form it gives and what could not be read. */
    record Row(int number, UUID id, PartnerForm form, List<FieldError> errors) {
    }

    static List<Row> read(Reader csv, int maxRows) {
        try (CSVParser parser = CSVParser.builder().setReader(csv).setFormat(READ).get()) {
            List<String> unknown = parser.getHeaderNames().stream().filter(name -> !COLUMNS.contains(name)).toList();
            if (!unknown.isEmpty()) {
                throw new org.leadrelay.kit.web.InvalidRequestException("/header", "unknown columns " + unknown + "; the columns are " + COLUMNS);
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (rows.size() == maxRows) {
                    throw new org.leadrelay.kit.web.InvalidRequestException("/rows", "at most " + maxRows + " rows per import");
                }
                rows.add(row(rows.size() + 1, record.toMap()));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new org.leadrelay.kit.web.InvalidRequestException("/", "not readable as CSV: " + e.getMessage());
        }
    }

    private static Row row(int number, Map<String, String> cells) {
        Cells read = new Cells(cells);
        UUID id = read.value("id", UUID::fromString, "must be a UUID");
        PartnerForm form = new PartnerForm(read.text("name"), read.text("legalName"), read.text("website"),
                read.value("tier", value -> Tier.valueOf(value.toUpperCase(Locale.ROOT)), "must be one of PLATINUM, GOLD, SILVER, REGISTERED"),
                read.value("routingWeight", Double::valueOf, "must be a number"),
                read.value("status", value -> PartnerStatus.valueOf(value.toUpperCase(Locale.ROOT)), "must be one of ONBOARDING, ACTIVE, PAUSED, SUSPENDED"),
                read.text("statusReason"), null,
                read.list("expertise", PartnerCsv::expertise, "must be kind:term:level:certified-until, all but the term optional"),
                read.list("countries", value -> value, null), read.list("regions", value -> value, null),
                read.list("serviceAreas", PartnerCsv::serviceArea, "must be label@latitude,longitude,radius-km"),
                read.list("remoteServices", value -> value, null), read.list("languages", value -> value, null),
                read.value("capacity", Integer::valueOf, "must be a whole number"),
                read.value("weeklyCapacity", Integer::valueOf, "must be a whole number"),
                read.value("maxCapacity", Integer::valueOf, "must be a whole number"),
                read.value("maxWeeklyCapacity", Integer::valueOf, "must be a whole number"),
                availability(read), read.text("answerDeadline"),
                read.list("contacts", PartnerCsv::contact, "must be email or email:language"), null, read.text("webhookUrl"),
                read.value("webhookEnabled", PartnerCsv::bool, "must be true or false"));
        return new Row(number, id, form, read.errors);
    }

    private static PartnerForm.AvailabilityForm availability(Cells read) {
        String timeZone = read.text("timeZone");
        List<PartnerForm.BusinessHoursForm> hours = read.list("businessHours", PartnerCsv::businessHours,
                "must be days and hours such as MONDAY-FRIDAY 09:00-18:00");
        List<PartnerForm.AbsenceForm> away = read.list("outOfOffice", PartnerCsv::absence, "must be from/until, two ISO 8601 instants");
        if (timeZone == null && hours == null && away == null) {
            return null;
        }
        return new PartnerForm.AvailabilityForm(timeZone == null ? "UTC" : timeZone, hours, away);
    }

    private static PartnerForm.ExpertiseForm expertise(String cell) {
        String[] parts = cell.split(":", -1);
        return switch (parts.length) {
            case 1 -> new PartnerForm.ExpertiseForm(org.leadrelay.directory.partners.SpecialityKinds.of(parts[0].strip()), parts[0].strip(), null, null);
            case 2 -> new PartnerForm.ExpertiseForm(parts[0].strip(), parts[1].strip(), null, null);
            case 3 -> new PartnerForm.ExpertiseForm(parts[0].strip(), parts[1].strip(), parts[2].strip(), null);
            case 4 -> new PartnerForm.ExpertiseForm(parts[0].strip(), parts[1].strip(), parts[2].strip(),
                    parts[3].isBlank() ? null : LocalDate.parse(parts[3].strip()));
            default -> throw new IllegalArgumentException(cell);
        };
    }

    private static PartnerForm.ServiceAreaForm serviceArea(String cell) {
        int at = cell.lastIndexOf('@');
        String[] numbers = cell.substring(at + 1).split(",");
        if (numbers.length != 3) {
            throw new IllegalArgumentException(cell);
        }
        return new PartnerForm.ServiceAreaForm(at < 0 ? null : cell.substring(0, at).strip(), Double.valueOf(numbers[0].strip()),
                Double.valueOf(numbers[1].strip()), Double.valueOf(numbers[2].strip()));
    }

    private static PartnerForm.BusinessHoursForm businessHours(String cell) {
        String[] parts = cell.strip().split("\\s+");
        String[] times = parts[parts.length - 1].split("-");
        if (parts.length != 2 || times.length != 2) {
            throw new IllegalArgumentException(cell);
        }
        List<DayOfWeek> days = new ArrayList<>();
        for (String span : parts[0].split(",")) {
            String[] ends = span.split("-");
            DayOfWeek first = DayOfWeek.valueOf(ends[0].toUpperCase(Locale.ROOT));
            DayOfWeek last = DayOfWeek.valueOf(ends[ends.length - 1].toUpperCase(Locale.ROOT));
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return new PartnerForm.BusinessHoursForm(days, LocalTime.parse(times[0]), LocalTime.parse(times[1]));
    }

    private static PartnerForm.AbsenceForm absence(String cell) {
        String[] ends = cell.split("/");
        if (ends.length != 2) {
            throw new IllegalArgumentException(cell);
        }
        return new PartnerForm.AbsenceForm(Instant.parse(ends[0].strip()), Instant.parse(ends[1].strip()));
    }

    private static PartnerForm.ContactForm contact(String cell) {
        int colon = cell.lastIndexOf(':');
        return colon < 0 ? new PartnerForm.ContactForm(cell.strip(), null)
                : new PartnerForm.ContactForm(cell.substring(0, colon).strip(), cell.substring(colon + 1).strip());
    }

    private static Boolean bool(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException(value);
    }

    static void write(List<Partner> partners, Writer out) {
        try {
            CSVPrinter printer = new CSVPrinter(out, WRITE);
            for (Partner partner : partners) {
                PartnerForm form = PartnerForms.form(partner);
                PartnerForm.AvailabilityForm availability = form.availability();
                printer.printRecord(partner.id(), form.name(), form.legalName(), form.website(), form.tier(), form.routingWeight(),
                        form.status(), form.statusReason(),
                        join(form.expertise(), e -> e.kind() + ":" + e.term() + ":" + e.level() + (e.certifiedUntil() == null ? "" : ":" + e.certifiedUntil())),
                        join(form.countries(), c -> c), join(form.regions(), r -> r),
                        join(form.serviceAreas(), a -> (a.label() == null ? "" : a.label() + "@") + a.latitude() + "," + a.longitude() + "," + a.radiusKm()),
                        join(form.remoteServices(), s -> s), join(form.languages(), l -> l), form.capacity(), form.weeklyCapacity(),
                        form.maxCapacity(), form.maxWeeklyCapacity(), availability == null ? null : availability.timeZone(),
                        availability == null ? null : join(availability.businessHours(), PartnerCsv::hours),
                        availability == null ? null : join(availability.outOfOffice(), a -> a.from() + "/" + a.until()),
                        form.answerDeadline(), join(form.contacts(), c -> c.email() + (c.language() == null ? "" : ":" + c.language())),
                        form.webhookUrl(), form.webhookEnabled());
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hours(PartnerForm.BusinessHoursForm hours) {
        return hours.days().stream().map(DayOfWeek::name).collect(Collectors.joining(",")) + " " + hours.opens() + "-" + hours.closes();
    }

    private static <T> String join(List<T> values, java.util.function.Function<T, String> format) {
        return values == null || values.isEmpty() ? null : values.stream().map(format).collect(Collectors.joining("; "));
    }

    /** Reads cells by column, collecting an error per unreadable cell instead of stopping at the first. */
    private static final class Cells {

        private final Map<String, String> cells;
        private final List<FieldError> errors = new ArrayList<>();

        Cells(Map<String, String> cells) {
            this.cells = cells;
        }

        String text(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value;
        }

        <T> T value(String column, java.util.function.Function<String, T> parse, String problem) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value);
            } catch (RuntimeException e) {
                errors.add(new FieldError("/" + column, problem));
                return null;
            }
        }

        <T> List<T> list(String column, java.util.function.Function<String, T> parse, String problem) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            List<T> parsed = new ArrayList<>();
            String[] items = Arrays.stream(value.split(";")).map(String::strip).filter(item -> !item.isEmpty()).toArray(String[]::new);
            for (int i = 0; i < items.length; i++) {
                try {
                    parsed.add(parse.apply(items[i]));
                } catch (RuntimeException e) {
                    errors.add(new FieldError("/" + column + "/" + i, problem));
                }
            }
            return parsed;
        }
    }

}
