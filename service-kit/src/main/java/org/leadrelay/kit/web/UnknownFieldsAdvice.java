package org.leadrelay.kit.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Validator;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a request body that had fields the request does not have ({@link UnknownFields}),
 * naming every one of them, and with them every field bean validation refuses, in one answer
 * (400 problem details, {@link ProblemDetailsAdvice}): a client fixes its request once, not field
 * by field. Nothing of the request is acted on.
 */
@ControllerAdvice
public class UnknownFieldsAdvice extends RequestBodyAdviceAdapter {

    private final ObjectProvider<Validator> validator;

    public UnknownFieldsAdvice(ObjectProvider<Validator> validator) {
        this.validator = validator;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        List<String> unknown = UnknownFields.ofCurrentRequest();
        if (unknown.isEmpty()) {
            return body;
        }
        List<FieldError> errors = new ArrayList<>();
        unknown.forEach(pointer -> errors.add(new FieldError(pointer, "is not a field of this request")));
        Validator check = validator.orderedStream().findFirst().orElse(null);
        if (check != null && validated(parameter) && check.supports(body.getClass())) {
            BeanPropertyBindingResult result = new BeanPropertyBindingResult(body, "body");
            check.validate(body, result);
            result.getFieldErrors().forEach(error -> errors.add(new FieldError(JsonPointers.fromPropertyPath(error.getField()),
                    error.getDefaultMessage())));
        }
        errors.sort(Comparator.comparing(FieldError::pointer));
        throw new InvalidRequestException(errors);
    }

    /** Whether the body is validated ({@code @Valid} or {@code @Validated}), as Spring MVC would after this. */
    private static boolean validated(MethodParameter parameter) {
        for (Annotation annotation : parameter.getParameterAnnotations()) {
            String name = annotation.annotationType().getSimpleName();
            if (name.equals("Valid") || name.equals("Validated")) {
                return true;
            }
        }
        return false;
    }
}
