package org.leadrelay.intake.normalisation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/** Phone numbers in E.164 ({@code +33472000000}), read with libphonenumber; the lead's country is the default region. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The number in E.164, or empty when it is not a valid number. */
    public static Optional<String> e164(String input, String country) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(input, country);
            return PHONES.isValidNumber(number) ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
