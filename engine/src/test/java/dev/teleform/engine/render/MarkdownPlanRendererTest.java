package dev.teleform.engine.render;

import dev.teleform.engine.addr.ResourceKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Drift;
import dev.teleform.engine.plan.FieldChange;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.resource.SensitiveFields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The markdown plan goes into a pull-request comment, and its values come from whoever edits the stack
 * or Teleport: none of them may end the code span, table cell, list item or code block it sits in.
 * Read back with a CommonMark parser with GitHub's tables, as GitHub would read it.
 */
class MarkdownPlanRendererTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String LIVE = "a`b|c</details><script>x</script>\n```";
    private static final String FIELD = "spec.allow.node_labels.x`|\n</details>\n```\n# forged";
    private static final Address ROLE = Address.in(ResourceKind.ROLE, "example", "child");
    private static final Address ODD = Address.inParent(ResourceKind.ROLE, "ev|l`<b>");

    private static Plan hostilePlan() {
        FieldChange drifted = new FieldChange("/spec/allow/logins", "spec.allow.logins",
                Optional.of(JSON.arrayNode().add("ubuntu")), Optional.of(JSON.stringNode(LIVE)), false);
        FieldChange oddField = new FieldChange("/spec/allow/node_labels/x", FIELD, Optional.of(JSON.stringNode("y")),
                Optional.empty(), false);
        ObjectNode document = JSON.objectNode();
        Diagnostic warning = Diagnostic.warning(SourcePosition.wholeFile(Path.of("/stack/we`ird.yaml")), "",
                "value \"<!-- x\"\n</details>\n[click](https://example.com)");
        return new Plan(PlanMode.NORMAL,
                List.of(new PlanStep("update " + ROLE, new Action.Update(ROLE, document, List.of(drifted, oddField), SensitiveFields.NONE), List.of()),
                        new PlanStep("delete " + ODD, new Action.Delete(ODD, false, List.of()), List.of())),
                List.of(new Drift(ROLE, false, List.of(drifted, oddField))), Diagnostics.of(List.of(warning)), 0);
    }

    @Test
    void hostileValuesStayInsideTheirCodeSpansCellsAndBlock() {
        Plan plan = hostilePlan();
        String markdown = new MarkdownPlanRenderer(Path.of("/stack")).render(plan, "s");
        Node document = Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(markdown);
        Parsed parsed = new Parsed();
        document.accept(parsed);

        String shownField = "spec.allow.node_labels.x`|\\n</details>\\n```\\n# forged";
        assertTrue(parsed.code.contains(JSON.stringNode(LIVE).toString()), parsed.code + "\n" + markdown);
        assertTrue(parsed.code.contains(shownField), parsed.code + "\n" + markdown);
        assertTrue(parsed.code.contains(ODD.toString()), parsed.code + "\n" + markdown);
        assertTrue(parsed.code.contains("we`ird.yaml"), parsed.code + "\n" + markdown);
        assertEquals(List.of("<details><summary>Changed outside Teleform (drift): 1 resource</summary>", "</details>",
                "<details><summary>Full plan</summary>", "</details>"), parsed.html, markdown);
        assertEquals(1, parsed.headings, "only the title is a heading\n" + markdown);
        assertEquals(0, parsed.links, markdown);
        assertEquals(List.of(4, 4), parsed.cellsPerRow, markdown);
        assertEquals(List.of(new TextPlanRenderer(false).render(plan)), parsed.fenced, markdown);
    }

    @Test
    void aDriftValueIsOneCodeSpanLongerThanItsBackticks() {
        String markdown = new MarkdownPlanRenderer(Path.of("/stack")).render(hostilePlan(), "s");
        assertTrue(markdown.contains("  - `spec.allow.logins`: applied `[\"ubuntu\"]`, live "
                + "````\"a`b|c</details><script>x</script>\\n```\"````\n"), markdown);
        assertTrue(markdown.contains("| - | ``role/ev\\|l`<b>`` | delete |  |\n"), markdown);
    }

    /** What a reader of the comment would see as code, HTML, headings, links, table rows and code blocks. */
    private static final class Parsed extends AbstractVisitor {
        final List<String> code = new ArrayList<>();
        final List<String> html = new ArrayList<>();
        final List<Integer> cellsPerRow = new ArrayList<>();
        final List<String> fenced = new ArrayList<>();
        int headings;
        int links;

        @Override
        public void visit(Code node) {
            code.add(node.getLiteral());
        }

        @Override
        public void visit(HtmlBlock node) {
            html.add(node.getLiteral().strip());
        }

        @Override
        public void visit(HtmlInline node) {
            html.add(node.getLiteral());
        }

        @Override
        public void visit(Heading node) {
            headings++;
            visitChildren(node);
        }

        @Override
        public void visit(Link node) {
            links++;
            visitChildren(node);
        }

        @Override
        public void visit(FencedCodeBlock node) {
            fenced.add(node.getLiteral());
        }

        @Override
        public void visit(CustomBlock node) {
            visitChildren(node);
        }

        @Override
        public void visit(CustomNode node) {
            if (node instanceof TableRow row && row.getParent() instanceof TableBody) {
                int cells = 0;
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    cells++;
                }
                cellsPerRow.add(cells);
            }
            visitChildren(node);
        }
    }
}
