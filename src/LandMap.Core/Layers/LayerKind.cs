namespace LandMap.Core.Layers;

/// <summary>What a bureau layer is; decides its feature key and the Chinese labels of its usual fields.</summary>
public enum LayerKind
{
    /// <summary>宗地 (cadastral parcels), keyed by ZDDM.</summary>
    Cadastre,
    /// <summary>三调 地类图斑 (DLTB, third national land survey), keyed by BSM.</summary>
    LandSurvey,
    /// <summary>永久基本农田 图斑 (YJJBNTTB), keyed by JBNTTBBH.</summary>
    Farmland,
    /// <summary>生态保护红线 (STBHHX).</summary>
    EcoRedline,
    /// <summary>城镇开发边界 (CZKFBJ).</summary>
    UrbanBoundary,
    /// <summary>国土空间规划 用地用海 (planned land and sea use).</summary>
    Planning,
    /// <summary>Anything else, keyed by the source feature id.</summary>
    Other,
}

/// <summary>
/// The kinds as the command line and the store spell them (<c>land-survey</c>…), each with its key field and the
/// usual fields of its national standard with their Chinese labels. Every other field of a file is kept as it is.
/// </summary>
public static class LayerKinds
{
    private static readonly (LayerKind Kind, string Name, string? KeyField)[] Table =
    [
        (LayerKind.Cadastre, "cadastre", "ZDDM"),
        (LayerKind.LandSurvey, "land-survey", "BSM"),
        (LayerKind.Farmland, "farmland", "JBNTTBBH"),
        (LayerKind.EcoRedline, "eco-redline", null),
        (LayerKind.UrbanBoundary, "urban-boundary", null),
        (LayerKind.Planning, "planning", null),
        (LayerKind.Other, "other", null),
    ];

    // Fields shared by the 国土调查 / 国土空间规划 databases (TD/T 1055, TD/T 1066 and their 三调 work rules).
    private static readonly Dictionary<string, string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BSM"] = "标识码", ["YSDM"] = "要素代码", ["BZ"] = "备注", ["XZQDM"] = "行政区代码", ["XZQMC"] = "行政区名称", ["MJ"] = "面积",
    };

    private static readonly Dictionary<LayerKind, Dictionary<string, string>> Labels = new()
    {
        [LayerKind.LandSurvey] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["TBYBH"] = "图斑预编号", ["TBBH"] = "图斑编号", ["DLBM"] = "地类编码", ["DLMC"] = "地类名称", ["QSXZ"] = "权属性质",
            ["QSDWDM"] = "权属单位代码", ["QSDWMC"] = "权属单位名称", ["ZLDWDM"] = "坐落单位代码", ["ZLDWMC"] = "坐落单位名称",
            ["TBMJ"] = "图斑面积", ["KCDLBM"] = "扣除地类编码", ["KCXS"] = "扣除地类系数", ["KCMJ"] = "扣除地类面积", ["TBDLMJ"] = "图斑地类面积",
            ["GDLX"] = "耕地类型", ["GDPDJB"] = "耕地坡度级别", ["XZDWKD"] = "线状地物宽度", ["TBXHDM"] = "图斑细化代码", ["TBXHMC"] = "图斑细化名称",
            ["ZZSXDM"] = "种植属性代码", ["ZZSXMC"] = "种植属性名称", ["GDDB"] = "耕地等别", ["FRDBS"] = "飞入地标识", ["CZCSXM"] = "城镇村属性码",
            ["SJNF"] = "数据年份", ["MSSM"] = "描述说明", ["HDMC"] = "海岛名称",
        },
        [LayerKind.Farmland] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["JBNTTBBH"] = "基本农田图斑编号", ["TBBH"] = "图斑编号", ["DLBM"] = "地类编码", ["DLMC"] = "地类名称", ["QSXZ"] = "权属性质",
            ["QSDWDM"] = "权属单位代码", ["QSDWMC"] = "权属单位名称", ["ZLDWDM"] = "坐落单位代码", ["ZLDWMC"] = "坐落单位名称",
            ["GDLX"] = "耕地类型", ["GDPDJB"] = "耕地坡度级别", ["GDDB"] = "耕地等别", ["TBMJ"] = "图斑面积", ["KCXS"] = "扣除地类系数",
            ["KCMJ"] = "扣除地类面积", ["JBNTMJ"] = "基本农田面积", ["BHRQ"] = "划定日期",
        },
        [LayerKind.Cadastre] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["ZDDM"] = "宗地代码", ["BDCDYH"] = "不动产单元号", ["QLR"] = "权利人", ["ZL"] = "坐落", ["ZDMJ"] = "宗地面积", ["YT"] = "用途",
            ["QLLX"] = "权利类型", ["QLXZ"] = "权利性质", ["DJH"] = "地籍号", ["ZDTZM"] = "宗地特征码", ["DJ"] = "等级", ["JG"] = "价格",
        },
        [LayerKind.EcoRedline] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["HXBH"] = "红线编号", ["HXMC"] = "红线名称", ["HXLX"] = "红线类型", ["STGN"] = "生态功能", ["ZRBHDMC"] = "自然保护地名称",
        },
        [LayerKind.UrbanBoundary] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["KFBJLX"] = "开发边界类型", ["GHFQDM"] = "规划分区代码", ["GHFQMC"] = "规划分区名称",
        },
        [LayerKind.Planning] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["YDYHFLDM"] = "用地用海分类代码", ["YDYHFLMC"] = "用地用海分类名称", ["DKBH"] = "地块编号", ["DKMJ"] = "地块面积",
            ["GHFQDM"] = "规划分区代码", ["GHFQMC"] = "规划分区名称",
        },
    };

    /// <summary>The names as typed, for messages: <c>cadastre, land-survey, …</c>.</summary>
    public static string Names => string.Join(", ", Table.Select(t => t.Name));

    /// <summary>The kind named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static LayerKind? Parse(string? name) =>
        Table.Where(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(t => (LayerKind?)t.Kind).FirstOrDefault();

    /// <summary>The kind as the store and the command line spell it.</summary>
    public static string Name(this LayerKind kind) => Table.Single(t => t.Kind == kind).Name;

    /// <summary>The kind in Chinese, as the page's layer switcher groups layers: 地籍, 三调, 永久基本农田 …</summary>
    public static string ChineseName(this LayerKind kind) => kind switch
    {
        LayerKind.Cadastre => "地籍",
        LayerKind.LandSurvey => "三调",
        LayerKind.Farmland => "永久基本农田",
        LayerKind.EcoRedline => "生态保护红线",
        LayerKind.UrbanBoundary => "城镇开发边界",
        LayerKind.Planning => "国土空间规划",
        _ => "其他",
    };

    /// <summary>The attribute that identifies a feature of this kind across imports; null for kinds keyed by the source feature id.</summary>
    public static string? KeyField(this LayerKind kind) => Table.Single(t => t.Kind == kind).KeyField;

    /// <summary>The Chinese label of <paramref name="field"/> when the kind (or the shared fields) knows it, else null.</summary>
    public static string? Label(this LayerKind kind, string field) =>
        Labels.TryGetValue(kind, out var own) && own.TryGetValue(field, out var label) ? label
        : Common.TryGetValue(field, out var common) ? common : null;
}
