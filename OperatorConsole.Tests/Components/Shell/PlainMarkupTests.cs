using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using OperatorConsole.Web.Components.Shared;

namespace OperatorConsole.Tests.Components.Shell;

/// <summary>
/// <see cref="Plain"/> promises MudBlazor's look without its components (ADR 197): its classes must be the ones the
/// real components render with this MudBlazor version, or a package update would silently change the screens.
/// </summary>
public sealed class PlainMarkupTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private static RenderFragment Text(string text) => b => b.AddContent(0, text);

    private IElement RenderFirst<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>> parameters, string selector)
        where TComponent : IComponent =>
        _ctx.Render<TComponent>(parameters).Find(selector);

    private static IEnumerable<string> Classes(string css) => css.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Link_HasTheClassesOfAMudLink()
    {
        RenderFirst<MudLink>(p => p.Add(l => l.Href, "/x").Add(l => l.ChildContent, Text("x")), "a").ClassList
            .Should().BeEquivalentTo(Classes(Plain.Link));
        RenderFirst<MudLink>(p => p.Add(l => l.Href, "/x").Add(l => l.Color, Color.Inherit).Add(l => l.ChildContent, Text("x")), "a").ClassList
            .Should().BeEquivalentTo(Classes(Plain.InheritLink));
        RenderFirst<MudLink>(p => p.Add(l => l.Href, "/x").Add(l => l.Underline, Underline.None).Add(l => l.ChildContent, Text("x")), "a").ClassList
            .Should().BeEquivalentTo(Classes(Plain.BareLink));
        RenderFirst<MudLink>(p => p.Add(l => l.Href, "/x").Add(l => l.Color, Color.Inherit).Add(l => l.Underline, Underline.Always).Add(l => l.ChildContent, Text("x")), "a").ClassList
            .Should().BeEquivalentTo(Classes(Plain.InheritUnderlinedLink));
        RenderFirst<MudLink>(p => p.Add(l => l.Href, "/x").Add(l => l.Color, Color.Inherit).Add(l => l.Underline, Underline.None).Add(l => l.ChildContent, Text("x")), "a").ClassList
            .Should().BeEquivalentTo(Classes(Plain.InheritBareLink));
        RenderFirst<MudLink>(p => p.Add(l => l.Href, "/x").Add(l => l.Typo, Typo.caption).Add(l => l.ChildContent, Text("x")), "a").ClassList
            .Should().BeEquivalentTo(Classes(Plain.Link + " mud-typography-caption"));
    }

    [Theory]
    [InlineData(Color.Error, Variant.Text)]
    [InlineData(Color.Info, Variant.Filled)]
    [InlineData(Color.Default, Variant.Outlined)]
    public void Chip_HasTheClassesOfASmallMudChip(Color color, Variant variant)
    {
        var chip = RenderFirst<MudChip<string>>(p => p.Add(c => c.Size, Size.Small).Add(c => c.Color, color).Add(c => c.Variant, variant).Add(c => c.ChildContent, Text("x")), ".mud-chip");

        chip.ClassList.Should().BeEquivalentTo(Classes(Plain.Chip(color, variant)));
        chip.Children.Should().ContainSingle().Which.ClassName.Should().Be("mud-chip-content");
    }

    [Theory]
    [InlineData(Typo.h6, Color.Error)]
    [InlineData(Typo.caption, Color.Default)]
    [InlineData(Typo.subtitle2, Color.Success)]
    [InlineData(Typo.subtitle1, Color.Default)]
    [InlineData(Typo.h4, Color.Default)]
    [InlineData(Typo.body2, Color.Default)]
    public void Text_HasTheClassesOfAMudText(Typo typo, Color color)
    {
        var text = _ctx.Render<MudText>(p => p.Add(t => t.Typo, typo).Add(t => t.Color, color).Add(t => t.ChildContent, Text("x")));

        text.Find(".mud-typography").ClassList.Should().BeEquivalentTo(Classes(Plain.Text(typo, color)));
    }

    [Theory]
    [InlineData(Size.Small, Color.Error)]
    [InlineData(Size.Large, Color.Default)]
    [InlineData(Size.Medium, null)]
    public void Icon_RendersTheSvgOfAMudIcon(Size size, Color? color)
    {
        var mud = RenderFirst<MudIcon>(p =>
        {
            p.Add(i => i.Icon, Icons.Material.Filled.Dashboard).Add(i => i.Size, size);
            if (color is { } c)
            {
                p.Add(i => i.Color, c);
            }
        }, "svg");
        var plain = _ctx.Render(Plain.Icon(Icons.Material.Filled.Dashboard, size, color)).Find("svg");

        plain.ClassList.Should().BeEquivalentTo(mud.ClassList);
        plain.InnerHtml.Should().Be(mud.InnerHtml);
        plain.GetAttribute("aria-hidden").Should().Be("true");
        plain.GetAttribute("viewBox").Should().Be(mud.GetAttribute("viewBox"));
    }

    [Theory]
    [InlineData(12, 0, 6)]
    [InlineData(12, 6, 4)]
    [InlineData(12, 12, 4)]
    public void GridAndItem_HaveTheClassesOfAMudGridAndMudItem(int xs, int md, int lg)
    {
        RenderFragment mud = b =>
        {
            b.OpenComponent<MudGrid>(0);
            b.AddAttribute(1, "Spacing", 3);
            b.AddAttribute(2, "ChildContent", (RenderFragment)(c =>
            {
                c.OpenComponent<MudItem>(0);
                c.AddAttribute(1, "xs", xs);
                if (md != 0)
                {
                    c.AddAttribute(2, "md", md);
                }

                c.AddAttribute(3, "lg", lg);
                c.AddAttribute(4, "ChildContent", Text("x"));
                c.CloseComponent();
            }));
            b.CloseComponent();
        };
        var real = _ctx.Render(mud);

        real.Find(".mud-grid").ClassList.Should().BeEquivalentTo(Classes(Plain.Grid));
        real.Find(".mud-grid-item").ClassList.Should().BeEquivalentTo(Classes(Plain.Item(xs, md, lg)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IconButton_HasTheMarkupOfAnInheritColouredMudIconButton(bool edgeStart)
    {
        var real = RenderFirst<MudIconButton>(p =>
        {
            p.Add(b => b.Icon, Icons.Material.Filled.Menu).Add(b => b.Color, Color.Inherit);
            if (edgeStart)
            {
                p.Add(b => b.Edge, Edge.Start);
            }
        }, "button");

        real.ClassList.Should().BeEquivalentTo(Classes(edgeStart ? Plain.EdgeStart : Plain.IconButton));
        real.Children.Should().ContainSingle().Which.ClassName.Should().Be("mud-icon-button-label");
        real.QuerySelector(".mud-icon-button-label svg")!.ClassList.Should().BeEquivalentTo(_ctx.Render(Plain.Icon(Icons.Material.Filled.Menu)).Find("svg").ClassList);
    }

    [Fact]
    public void CardFrame_HasTheMarkupOfAnOutlinedMudCard()
    {
        RenderFragment mud = b =>
        {
            b.OpenComponent<MudCard>(0);
            b.AddAttribute(1, "Outlined", true);
            b.AddAttribute(2, "Class", "mb-4");
            b.AddAttribute(3, "ChildContent", (RenderFragment)(c =>
            {
                c.OpenComponent<MudCardHeader>(0);
                c.AddAttribute(1, "CardHeaderContent", (RenderFragment)(d =>
                {
                    d.OpenComponent<MudText>(0);
                    d.AddAttribute(1, "Typo", Typo.h6);
                    d.AddAttribute(2, "ChildContent", Text("Title"));
                    d.CloseComponent();
                }));
                c.AddAttribute(2, "CardHeaderActions", Text("act"));
                c.CloseComponent();
                c.OpenComponent<MudCardContent>(3);
                c.AddAttribute(4, "Class", "pt-0");
                c.AddAttribute(5, "ChildContent", Text("body"));
                c.CloseComponent();
            }));
            b.CloseComponent();
        };
        var real = _ctx.Render(mud);
        var plain = _ctx.Render<CardFrame>(p => p.Add(c => c.Title, "Title").Add(c => c.Actions, Text("act")).Add(c => c.ContentClass, "pt-0").AddChildContent("body"));

        foreach (var selector in new[] { ".mud-card", ".mud-card-header", ".mud-card-header-content", ".mud-card-header-actions", ".mud-card-content", "h6" })
        {
            plain.Find(selector).ClassList.Should().BeEquivalentTo(real.Find(selector).ClassList, selector);
        }

        plain.Find(".mud-card-header-content h6").TextContent.Should().Be("Title");
        plain.Find(".mud-card-content").TextContent.Trim().Should().Be("body");
    }

    [Fact]
    public void Tooltip_WrapsTheControl_WithAHintInMudTooltipsLook_HiddenFromScreenReaders()
    {
        var rendered = _ctx.Render(Plain.Tooltip("Sign out", b =>
        {
            b.OpenElement(0, "button");
            b.AddAttribute(1, "aria-label", "Sign out");
            b.CloseElement();
        }));

        var tip = rendered.Find(".oc-tip");
        tip.Children.Select(c => c.TagName.ToLowerInvariant()).Should().Equal("button", "span");
        var hint = rendered.Find(".oc-tip-text");
        hint.TextContent.Should().Be("Sign out");
        hint.GetAttribute("aria-hidden").Should().Be("true", "the control's own name is announced; the hint would repeat it");
        Classes(hint.ClassName!).Should().Contain(["mud-tooltip", "mud-tooltip-default"]);
    }
}
