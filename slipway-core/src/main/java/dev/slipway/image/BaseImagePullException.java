package dev.slipway.image;

import dev.slipway.support.SlipwayException;

/** A base image ({@code FROM}) could not be pulled; the message says which and the registry's reason. */
public class BaseImagePullException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    private final String baseImage;

    public BaseImagePullException(String baseImage, String reason, String fix) {
        super("base image " + baseImage + " could not be pulled: " + reason, fix);
        this.baseImage = baseImage;
    }

    public String baseImage() {
        return baseImage;
    }
}
