package dev.switchboard.model.json;

import java.time.Instant;

/**
 * ISO-8601 instants in the one form this project writes, {@code 2026-12-04T16:24:01.123Z}, read and written without
 * {@link java.time.format.DateTimeFormatter}: its parse and format build a field map and resolve it for every value,
 * which made reading the instants of a usage event a tenth of usage-service's CPU. Both methods decline (return
 * {@code null} or {@code -1}) anything outside that form, for the caller to hand to {@code DateTimeFormatter}; what they
 * accept they convert exactly as {@link java.time.format.DateTimeFormatter#ISO_INSTANT} does.
 */
public final class IsoInstant {

    /** Longest form written: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    public static final int MAX_LENGTH = 30;

    private static final long SECONDS_PER_DAY = 86_400;
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private IsoInstant() {
    }

    /**
     * @return the instant {@code text[offset, offset + length)} denotes when it has the form
     *         {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (1 to 9 fraction digits, a valid date and time of day), else {@code null}
     */
    public static Instant parse(char[] text, int offset, int length) {
        if (length < 20 || length > MAX_LENGTH || text[offset + length - 1] != 'Z') {
            return null;
        }
        int i = offset;
        int year = digits(text, i, 4);
        int month = digits(text, i + 5, 2);
        int day = digits(text, i + 8, 2);
        int hour = digits(text, i + 11, 2);
        int minute = digits(text, i + 14, 2);
        int second = digits(text, i + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59 || text[i + 4] != '-' || text[i + 7] != '-'
                || text[i + 10] != 'T' || text[i + 13] != ':' || text[i + 16] != ':') {
            return null;
        }
        int nanos = 0;
        int fractionDigits = length - 21; // between the '.' at index 19 and the final 'Z'
        if (fractionDigits >= 0) {
            if (fractionDigits == 0 || text[i + 19] != '.') {
                return null;
            }
            int fraction = digits(text, i + 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int k = fractionDigits; k < 9; k++) {
                nanos *= 10;
            }
        }
        long epochSecond = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /**
     * Writes {@code instant} as {@link java.time.format.DateTimeFormatter#ISO_INSTANT} does (fraction digits in groups of
     * three, as many as needed) into {@code out}, which has room for {@link #MAX_LENGTH} characters.
     *
     * @return the number of characters written, or {@code -1} for an instant outside years 0000–9999 (written by the JDK
     *         with a sign)
     */
    public static int format(Instant instant, char[] out) {
        long epochSecond = instant.getEpochSecond();
        long days = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        // civil_from_days (H. Hinnant): proleptic Gregorian date of a day count from 1970-01-01
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return -1;
        }
        write(out, 0, (int) year, 4);
        out[4] = '-';
        write(out, 5, month, 2);
        out[7] = '-';
        write(out, 8, day, 2);
        out[10] = 'T';
        write(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        write(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        write(out, 17, secondOfDay % 60, 2);
        int n = 19;
        int nanos = instant.getNano();
        if (nanos != 0) {
            out[n++] = '.';
            if (nanos % 1_000_000 == 0) {
                write(out, n, nanos / 1_000_000, 3);
                n += 3;
            } else if (nanos % 1000 == 0) {
                write(out, n, nanos / 1000, 6);
                n += 6;
            } else {
                write(out, n, nanos, 9);
                n += 9;
            }
        }
        out[n++] = 'Z';
        return n;
    }

    /** The value of {@code count} decimal digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(char[] text, int from, int count) {
        int value = 0;
        for (int k = from; k < from + count; k++) {
            int d = text[k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static void write(char[] out, int from, int value, int width) {
        for (int k = from + width - 1; k >= from; k--) {
            out[k] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int daysInMonth(int year, int month) {
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    }

    /** days_from_civil (H. Hinnant): days from 1970-01-01 to a proleptic Gregorian date. */
    private static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
