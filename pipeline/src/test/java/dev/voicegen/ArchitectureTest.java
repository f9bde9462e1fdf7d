package dev.voicegen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the module layout promises, checked on the compiled classes of every module (the
 * pipeline's test class path holds them all): kernels know nothing of Beam, and no package needs a
 * package that needs it back.
 *
 * <p>The kernels module has no Beam on its compile path, so an import of Beam there already fails
 * the build; this rule also catches Beam reaching a kernel through a dependency added later.
 */
class ArchitectureTest {
  /** Everything that is neither a Beam transform, the job assembly nor a benchmark is a kernel. */
  private static final String[] NOT_KERNELS = {
    "dev.voicegen.beam..", "dev.voicegen.pipeline..", "dev.voicegen.bench.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the kernels' test jar, which a packaged build (bin/test) puts here instead of a folder
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.voicegen");
  }

  @Test
  void kernelsImportNoBeam() {
    noClasses()
        .that()
        .resideInAPackage("dev.voicegen..")
        .and()
        .resideOutsideOfPackages(NOT_KERNELS)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.beam..")
        .because("kernels are plain Java; Beam DoFns are thin adapters around them")
        .check(classes);
  }

  @Test
  void kernelsUseNoTransformOrJob() {
    noClasses()
        .that()
        .resideInAPackage("dev.voicegen..")
        .and()
        .resideOutsideOfPackages(NOT_KERNELS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(NOT_KERNELS)
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    // one slice per package, subpackages included as slices of their own
    slices().matching("dev.voicegen.(**)").should().beFreeOfCycles().check(classes);
  }
}
