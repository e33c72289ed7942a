package uk.ac.starlink.topcat.activate;

/** Stub of TOPCAT's activation type. */
public interface ActivationType {
    String getName();

    String getDescription();

    ActivatorConfigurator createConfigurator(TopcatModelInfo info);

    Suitability getSuitability(TopcatModelInfo info);
}
