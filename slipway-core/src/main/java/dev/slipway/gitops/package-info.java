/**
 * GitOps file update: change an image everywhere a folder of manifests references it for deployment, and nothing
 * else, down to the byte. Entry point: {@link dev.slipway.gitops.ManifestUpdater#update} (or {@code plan} then
 * {@link dev.slipway.gitops.UpdatePlan#apply}) with an {@link dev.slipway.gitops.UpdateSpec}; the
 * {@link dev.slipway.gitops.UpdateResult} lists file → document → field → old → new.
 *
 * <h2>How an edit is made</h2>
 * Each {@code *.yaml}/{@code *.yml} file (hidden folders skipped) is decoded as strict UTF-8, a BOM kept aside, and
 * composed by snakeyaml-engine with marks. Each change is a splice of the source: the scalar's own characters are
 * replaced (quoting style kept; a plain value that would read back as a number, boolean or null is written
 * double-quoted), a missing kustomize {@code newTag}/{@code digest} is inserted as one line in the entry's
 * indentation (or {@code , key: value} before a flow mapping's closing brace), with the line break the file uses. The
 * edited text is parsed again and compared with the original field by field (aliases expanded): unless exactly the
 * intended fields changed to the intended values, the file is refused. All files are planned before any is written.
 *
 * <h2>Refused rather than edited (the update fails, nothing is written)</h2>
 * <ul>
 *   <li>an image value written as a block scalar ({@code |}, {@code >}) or a flow scalar spanning lines;</li>
 *   <li>an empty value ({@code newTag:} with nothing after it) where a value must be replaced;</li>
 *   <li>an anchored image value whose alias also sits in a field that is not an image field;</li>
 *   <li>removing a kustomize {@code digest}/{@code newTag} (pin tag/digest) from a flow mapping, when it is the
 *       entry's first key, when it does not stand alone on its line, or when its value is not a scalar;</li>
 *   <li>inserting after a field whose value is a block scalar, or into a block mapping whose first key does not
 *       start its line;</li>
 *   <li>recursive aliases, and documents that expand through aliases to more than a million nodes;</li>
 *   <li>files that do not parse, have duplicate keys, are not UTF-8 (UTF-16/32, NUL bytes), exceed the size bound,
 *       or are symbolic links leading out of the root; configured Helm key paths that are missing or hold a
 *       mapping; a Helm {@code files} glob matching nothing.</li>
 * </ul>
 * Skipped and reported as a {@link dev.slipway.gitops.Notice}: Helm templates ({@code {{ }}} under
 * {@code templates/} or not parseable), symbolic links inside the root (the target is updated where it lives),
 * Flux markers whose policy was not given or whose image lacks the requested part.
 *
 * <h2>Not followed</h2>
 * YAML merge keys ({@code <<: *base}) are plain keys here: an image inherited through one is not updated. Helm
 * {@code image.registry} split from the repository is not joined (configure the repository key holding the full name).
 */
package dev.slipway.gitops;
